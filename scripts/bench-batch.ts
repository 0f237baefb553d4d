/**
 * The batch part of `npm run bench`: `convgrade grade` on a class of 100 submissions (the correct and
 * buggy samples of test/submissions/pass and fail, in turn), timed from the command's start to its
 * exit, with the default --jobs and with --jobs 1; then where a submission's time goes, from the
 * JSON reports. BENCH_CLASS_SIZE and BENCH_BATCH_RUNS change the size and the number of runs. Then
 * the peak memory of a batch at 1,000 and 10,000 submissions (bench-batch-memory.ts; BENCH_MEMORY_SIZES
 * changes the sizes).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildClass, quickSamples } from "../test/helpers/class-folder.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const size = Number(process.env.BENCH_CLASS_SIZE ?? 100);
const runs = Number(process.env.BENCH_BATCH_RUNS ?? 3);
const samples = quickSamples();
const classDir = buildClass(
  Array.from({ length: size }, (_, k) => ({ name: `learner-${String(k).padStart(3, "0")}`, sample: samples[k % samples.length].name })),
);
const correct = Array.from({ length: size }, (_, k) => samples[k % samples.length].name).filter((name) => name.startsWith("pass/")).length;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One `convgrade grade` run with a cache private to it (--no-cache), as on a fresh CI machine. */
function grade(jobs: number | undefined): { seconds: number; out: string } {
  const out = mkdtempSync(join(tmpdir(), "convgrade-bench-out-"));
  const args = [join(root, "bin/convgrade.js"), "grade", classDir, "--out", out, "--no-cache", ...(jobs ? ["--jobs", String(jobs)] : [])];
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, CI: "1" }, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    console.error(`convgrade grade exited with ${result.status}: ${result.stderr.slice(-2000)}`);
    process.exit(1);
  }
  return { seconds, out };
}

const rows: [string, number][] = [];
let last = "";
for (const jobs of [undefined, 1]) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { seconds, out } = grade(jobs);
    times.push(seconds);
    if (last) rmSync(last, { recursive: true, force: true });
    last = out;
  }
  rows.push([`--jobs ${jobs ?? `${availableParallelism()} (default: the cores)`}`, median(times)]);
}

// Where the time goes, from the last run's reports (--jobs 1: no contention between submissions).
const reports = readdirSync(join(last, "reports")).map(
  (file) => JSON.parse(readFileSync(join(last, "reports", file), "utf8")) as { durationMs: number; functions: { durationMs: number }[] },
);
const perSubmission = median(reports.map((r) => r.durationMs));
const learnerCode = median(reports.map((r) => r.functions.reduce((sum, f) => sum + f.durationMs, 0)));
rmSync(last, { recursive: true, force: true });
rmSync(classDir, { recursive: true, force: true });

console.log(`convgrade grade: ${size} submissions (${correct} correct, ${size - correct} buggy), ${runs} runs each, medians, whole command timed`);
for (const [label, seconds] of rows) console.log(`  ${label.padEnd(34)} ${seconds.toFixed(2)} s   ${(size / seconds).toFixed(1)} submissions/s`);
console.log(
  `  per submission (--jobs 1): ${perSubmission} ms, of which ${learnerCode} ms grading the functions (the learner's code running in the sandbox, and the checks)`,
);
console.log(`  target: at least 15 submissions/s on 2 cores (stretch 20)`);

await import("./bench-batch-memory.ts");
