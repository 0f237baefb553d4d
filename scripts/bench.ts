/**
 * `npm run bench`: times `convgrade check` on the correct sample submission against `node -e 0`,
 * alternating runs in the same session, and prints medians and their ratio; then times
 * `convgrade grade` on a class of 100 submissions (see bench-batch.ts). Figures, not a test: nothing
 * here fails on a slow machine. BENCH_ONLY=check or BENCH_ONLY=batch runs one part.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 21);
const submission = process.env.BENCH_DIR ?? join(root, "test/submissions/pass/loops");
const cacheDir = mkdtempSync(join(tmpdir(), "convgrade-bench-"));

function time(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; status: number | null; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, status: result.status, stdout: result.stdout };
}

/** Sum of the per-function grading times in a JSON report: the learner's code running, mostly. */
function gradingMs(stdout: string): number {
  try {
    return (JSON.parse(stdout).functions as { durationMs: number }[]).reduce((sum, f) => sum + f.durationMs, 0);
  } catch {
    return Number.NaN;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

if (process.env.BENCH_ONLY === "batch") {
  await import("./bench-batch.ts");
  process.exit(0);
}

const cli = [join(root, "bin/convgrade.js"), "check", "--dir", submission, "--reporter", "json"];
const stubs = [join(root, "bin/convgrade.js"), "check", "--dir", join(root, "exercises"), "--reporter", "json"];
const baseline: number[] = [];
const warm: number[] = [];
const warmGrading: number[] = [];
const cold: number[] = [];
const harness: number[] = [];
let sandbox = "";

// Warm-up: fills the disk caches and the OS file cache.
for (let i = 0; i < 3; i++) {
  time(process.execPath, ["-e", "0"]);
  const check = time(process.execPath, cli, { CONVGRADE_CACHE_DIR: cacheDir });
  if (check.status !== 0) {
    console.error(`convgrade check exited with ${check.status} on ${submission}: the benchmark needs a passing submission`);
    process.exit(1);
  }
}
for (let i = 0; i < runs; i++) {
  baseline.push(time(process.execPath, ["-e", "0"]).ms);
  const run = time(process.execPath, cli, { CONVGRADE_CACHE_DIR: cacheDir });
  warm.push(run.ms);
  warmGrading.push(gradingMs(run.stdout));
  try {
    const { level, network, processes } = JSON.parse(run.stdout).sandbox;
    sandbox = `${processes} sandbox processes (one per function and visibility, and spares), walls: ${level}${network ? ", network open" : ""}`;
  } catch {
    sandbox = "sandbox: not in the report";
  }
  // The stubs throw at once: what the harness costs when learner code does no work.
  harness.push(time(process.execPath, stubs, { CONVGRADE_CACHE_DIR: cacheDir }).ms);
  if (i % 3 === 0) {
    // Cold: an empty cache, so fixtures are validated with zod and every file is transpiled.
    const empty = mkdtempSync(join(tmpdir(), "convgrade-bench-cold-"));
    cold.push(time(process.execPath, cli, { CONVGRADE_CACHE_DIR: empty }).ms);
    rmSync(empty, { recursive: true, force: true });
  }
}
rmSync(cacheDir, { recursive: true, force: true });

const base = median(baseline);
const format = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`convgrade bench: ${runs} alternating runs, Node ${process.version}, medians`);
console.log(`  node -e 0                       ${format(base)}`);
console.log(`  convgrade check (warm cache)    ${format(median(warm))}   ${(median(warm) / base).toFixed(2)}x node -e 0`);
console.log(`  convgrade check (empty cache)   ${format(median(cold))}   ${(median(cold) / base).toFixed(2)}x node -e 0  (${cold.length} runs)`);
console.log(`    of which grading the functions  ${format(median(warmGrading))}   (the learner's code running in the sandbox, and the checks)`);
console.log(
  `  convgrade check on the stubs     ${format(median(harness))}   ${(median(harness) / base).toFixed(2)}x node -e 0  (harness alone: no learner work)`,
);
console.log(`    each check starts ${sandbox}`);
console.log(`  target: at most 2.3x node -e 0 for the whole check, gradient checks included`);

if (process.env.BENCH_ONLY !== "check") await import("./bench-batch.ts");
