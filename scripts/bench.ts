/**
 * `npm run bench`: the figures of convgrade's speed, each measured in this run against `node -e 0`
 * run alternately with it: wall time, and the CPU time of every process a command starts (see
 * bench-clock.ts). Then a re-grade on save under `check --watch`, where the time of a check goes,
 * and `convgrade grade` on a class (bench-batch.ts). Figures, not a test: nothing here fails on a
 * slow machine. BENCH_RUNS sets the runs; BENCH_ONLY=check, watch or batch runs one part.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { breakdown } from "./bench-breakdown.ts";
import { closeClock, cpuMeasured, format, median, type Timed, timeCommand } from "./bench-clock.ts";
import { watchLatency } from "./bench-watch.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);
const only = process.env.BENCH_ONLY;
const submission = process.env.BENCH_DIR ?? join(root, "test/submissions/pass/loops");
const cacheDir = mkdtempSync(join(tmpdir(), "convgrade-bench-"));
const env = { ...process.env, CONVGRADE_CACHE_DIR: cacheDir };

console.log(
  `convgrade bench: Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}), load average ${loadavg()[0].toFixed(2)} at the start, ${runs} alternating runs, medians`,
);
if (!cpuMeasured()) console.log("  (CPU time not measured: no writable cgroup; run as root for it)");

const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}x` : "—");

if (!only || only === "check") {
  const cli = (dir: string) => [join(root, "bin/convgrade.js"), "check", "--dir", dir, "--reporter", "json"];
  // Warm-up: fills the disk caches and the OS file cache.
  for (let i = 0; i < 3; i++) {
    const check = timeCommand(process.execPath, cli(submission), { cwd: root, env });
    if (check.status !== 0) {
      console.error(`convgrade check exited with ${check.status} on ${submission}: the benchmark needs a passing submission\n${check.stderr}`);
      process.exit(1);
    }
  }
  const node: Timed[] = [];
  const nodeClean: Timed[] = [];
  const warm: Timed[] = [];
  const stubs: Timed[] = [];
  const cold: Timed[] = [];
  // The learner's loop at a terminal (a pseudo-terminal from util-linux's script), where verdicts of
  // unchanged functions are reused: nothing changed, and one function's file edited before each run.
  const edited = join(cacheDir, "edited");
  cpSync(submission, edited, { recursive: true });
  const atTerminal = (dir: string) => ["-qec", [process.execPath, ...cli(dir).slice(0, -2)].join(" "), "/dev/null"];
  const terminalEnv = { ...env, CI: undefined, NO_COLOR: "1" };
  // Without util-linux's script there is no terminal to run in: those rows are left out, saying so.
  const hasScript = ["/usr/bin/script", "/bin/script"].some((path) => existsSync(path));
  if (hasScript) timeCommand("script", atTerminal(submission), { cwd: root, env: terminalEnv });
  const unchanged: Timed[] = [];
  const oneEdited: Timed[] = [];
  for (let i = 0; i < runs; i++) {
    if (hasScript) {
      unchanged.push(timeCommand("script", atTerminal(submission), { cwd: root, env: terminalEnv }));
      appendFileSync(join(edited, "conv-forward.ts"), `// edit ${i}\n`);
      oneEdited.push(timeCommand("script", atTerminal(edited), { cwd: root, env: terminalEnv }));
    }
    node.push(timeCommand(process.execPath, ["-e", "0"], { cwd: root, env }));
    nodeClean.push(timeCommand(process.execPath, ["-e", "0"], { cwd: root, env: {} }));
    warm.push(timeCommand(process.execPath, cli(submission), { cwd: root, env }));
    stubs.push(timeCommand(process.execPath, cli(join(root, "exercises")), { cwd: root, env }));
    if (i % 3 === 0) {
      // Cold: an empty cache, so fixtures are validated with zod and every file is transpiled.
      const empty = mkdtempSync(join(tmpdir(), "convgrade-bench-cold-"));
      cold.push(timeCommand(process.execPath, cli(submission), { cwd: root, env: { ...env, CONVGRADE_CACHE_DIR: empty } }));
      rmSync(empty, { recursive: true, force: true });
    }
  }
  const wall = (list: Timed[]) => median(list.map((t) => t.ms));
  const cpu = (list: Timed[]) => median(list.map((t) => t.cpuMs ?? Number.NaN));
  const base = { wall: wall(node), cpu: cpu(node) };
  let sandbox = "";
  try {
    const { level, network, processes } = JSON.parse(warm[warm.length - 1].stdout).sandbox;
    sandbox = `${processes} sandbox processes (one per function, never reused), walls: ${level}${network ? ", network open" : ""}`;
  } catch {
    sandbox = "sandbox: not in the report";
  }
  const row = (label: string, list: Timed[], note = "") =>
    console.log(
      `  ${label.padEnd(44)} ${format(wall(list))} ${ratio(wall(list), base.wall).padStart(7)}   ${format(cpu(list))} ${ratio(cpu(list), base.cpu).padStart(7)}  ${note}`,
    );
  console.log(`\n  ${"".padEnd(44)} ${"wall".padStart(8)} ${"vs node".padStart(7)}   ${"CPU".padStart(8)} ${"vs node".padStart(7)}`);
  row("node -e 0", node, "(this environment: the grader's own start pays the same)");
  row("node -e 0, empty environment", nodeClean, "(what each sandbox process starts with)");
  row("convgrade check, warm cache", warm, "target ≤ 3.0x wall, ≤ 4x CPU (stretch 2.3x, 3x)");
  row("convgrade check, empty cache", cold, `(${cold.length} runs)`);
  row("convgrade check on the stubs (harness alone)", stubs, "target ≤ 2.2x wall (stretch 2.0x)");
  if (hasScript) {
    row("check at a terminal, nothing changed", unchanged, "(every verdict reused: none is run)");
    row("check at a terminal, convForward's file edited", oneEdited, "(convForward graded, seven verdicts reused)");
  } else console.log("  (the rows at a terminal need util-linux's script, which is not installed)");
  console.log(`  each check starts ${sandbox}`);
  if (process.env.NODE_EXTRA_CA_CERTS)
    console.log(`  note: NODE_EXTRA_CA_CERTS is set, which adds to every start of node -e 0 and of the grader (not of the sandboxes)`);
  await breakdown(root, submission, cacheDir);
}

if (!only || only === "watch") await watchLatency(root, submission, cacheDir, Number(process.env.BENCH_SAVES ?? 12));

rmSync(cacheDir, { recursive: true, force: true });
closeClock();
if (!only || only === "batch") await import("./bench-batch.ts");
