/**
 * Timing for the benchmark: a command's wall time and the CPU time of every process it starts.
 *
 * CPU is read from a cgroup the command is moved into before it runs, because a sandbox's processes
 * are not all reaped by their parents (the grader kills a sandbox's PID namespace, and the kernel
 * reaps what was inside), so getrusage(RUSAGE_CHILDREN) would miss them. Needs a writable cgroup v1
 * cpuacct hierarchy or a cgroup v2 one (root, here); without one, CPU is reported as not measured.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmdirSync } from "node:fs";
import { join } from "node:path";

export interface Timed {
  ms: number;
  /** CPU time of the command and all its descendants, when a cgroup could be used */
  cpuMs?: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

interface Group {
  dir: string;
  read(): number;
}

function openGroup(): Group | undefined {
  const name = `convgrade-bench-${process.pid}`;
  const candidates: { base: string; read: (dir: string) => number }[] = [
    { base: "/sys/fs/cgroup/cpuacct", read: (dir) => Number(readFileSync(join(dir, "cpuacct.usage"), "utf8")) / 1e6 },
    {
      base: "/sys/fs/cgroup",
      read: (dir) => Number(/usage_usec (\d+)/.exec(readFileSync(join(dir, "cpu.stat"), "utf8"))?.[1] ?? Number.NaN) / 1e3,
    },
  ];
  for (const { base, read } of candidates) {
    const dir = join(base, name);
    try {
      if (!existsSync(base)) continue;
      mkdirSync(dir, { recursive: true });
      const usage = read(dir);
      if (Number.isFinite(usage)) return { dir, read: () => read(dir) };
      rmdirSync(dir);
    } catch {
      // not writable or not this kind of hierarchy
    }
  }
  return undefined;
}

let group: Group | undefined | null;

/** Runs a command to its end; its CPU is what its cgroup used meanwhile (nothing else runs in it). */
export function timeCommand(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Timed {
  if (group === undefined) group = openGroup() ?? null;
  const before = group?.read();
  const started = process.hrtime.bigint();
  // The shell joins the cgroup, then becomes the command: everything it starts is counted.
  const wrapped = group ? ["/bin/sh", ["-c", `echo $$ > ${group.dir}/cgroup.procs && exec "$@"`, "sh", command, ...args]] : [command, args];
  const result = spawnSync(wrapped[0] as string, wrapped[1] as string[], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    input: options.input,
    stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // A killed sandbox's processes are reaped by the kernel a moment after the command ends.
  const after = group ? settledUsage(group) : undefined;
  return {
    ms,
    cpuMs: before !== undefined && after !== undefined ? after - before : undefined,
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

function settledUsage(g: Group): number {
  let last = g.read();
  for (let i = 0; i < 20; i++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    const now = g.read();
    if (now === last && readFileSync(join(g.dir, "cgroup.procs"), "utf8").trim() === "") return now;
    last = now;
  }
  return last;
}

/** Removes the benchmark's cgroup (it must be empty). */
export function closeClock(): void {
  if (group) {
    try {
      rmdirSync(group.dir);
    } catch {
      // a process still in it: the kernel removes nothing, and neither do we
    }
  }
}

/** Whether CPU time can be measured here. */
export function cpuMeasured(): boolean {
  if (group === undefined) group = openGroup() ?? null;
  return group !== null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds in a column five digits wide; a dash when not measured. */
export const format = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(0).padStart(5)} ms` : "    — ");
