/**
 * The pipeline, wired in one place: load fixtures → load the submission → run it in the sandbox →
 * grade → return a Report. Never prints; progress goes to the onEvent callback.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { DiskCache } from "../cache.js";
import { HarnessError } from "../errors.js";
import { EXERCISES, type Exercise, exerciseNamed } from "../exercises.js";
import type { Fixture } from "../fixtures/load.js";
import { loadFixtures } from "../fixtures/load.js";
import { gradeFunction } from "../grade/grade-function.js";
import { MAX_ELEMENTS, MAX_OUTPUT_CHARS, MIN_MEMORY_MB, MIN_TIMEOUT_MS } from "../limits.js";
import type { CheckEvent, FunctionResult, Report, TypeErrorInfo } from "../result.js";
import { VisibilityGate } from "../sandbox/gate.js";
import { Sandbox } from "../sandbox/host.js";
import { exportLine } from "../submission/export-line.js";
import { type TranspilerPool, transpileSubmission } from "../submission/transpile.js";
import { typecheck } from "../submission/typecheck.js";
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, PACKAGE_FIXTURES } from "./defaults.js";

/** Everything a check needs; the CLI fills it from flags. */
export interface CheckOptions {
  /** submission folder */
  dir: string;
  /** fixtures folder; the course's fixtures when absent */
  fixturesDir?: string;
  /** exercises to grade; all those with a fixture file when absent */
  functions?: readonly Exercise[];
  /** time limit per case, in milliseconds (default 2500) */
  timeoutMs?: number;
  /** heap limit of each sandbox, in MiB (default 256) */
  memoryMb?: number;
  /** where transpiled files and validated fixtures are kept; none when absent */
  cache?: DiskCache;
  /** how many sandboxes grade functions in parallel */
  jobs?: number;
  /** sandboxes started early for this same folder and memory limit */
  sandboxes?: Sandbox[];
  /** run the TypeScript compiler over the submission too; its errors are shown, never scored */
  typecheck?: boolean;
  /** a transpiler worker kept alive across checks (a batch); one for this check alone when absent */
  transpiler?: TranspilerPool;
  cwd?: string;
  onEvent?: (event: CheckEvent) => void;
}

/** A rough cost of grading a fixture, to share functions out among sandboxes. */
function weight(fixture: Fixture): number {
  return fixture.cases.length + 8 * fixture.gradientChecks.length + (fixture.exercise.extraCost ?? 0);
}

/** Refuses limits the harness itself cannot work within: they would read as the learner's failures. */
export function checkLimits(options: { memoryMb: number; timeoutMs: number; jobs?: number }): void {
  if (!Number.isInteger(options.memoryMb) || options.memoryMb < MIN_MEMORY_MB) {
    throw new HarnessError(
      "USAGE",
      `--memory must be at least ${MIN_MEMORY_MB} MiB: the sandbox needs that much for itself and the course's largest cases (got ${options.memoryMb})`,
    );
  }
  if (!Number.isInteger(options.timeoutMs) || options.timeoutMs < MIN_TIMEOUT_MS) {
    throw new HarnessError("USAGE", `--timeout must be at least ${MIN_TIMEOUT_MS} ms: below that, correct solutions time out (got ${options.timeoutMs})`);
  }
}

/** Resolves and checks the submission folder (the instructor's argument: a link to it is followed, links inside it never). */
export function resolveSubmissionDir(dir: string, cwd = process.cwd()): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new HarnessError("SUBMISSION_MISSING", `submission folder not found: ${relative(cwd, dir) || dir} (pass --dir <folder>)`);
  }
  return realpathSync(dir);
}

/** Collects learner output per function, bounded, and drops what hidden cases print. */
class OutputCollector {
  private text = "";
  private dropped = 0;
  hidden = false;
  hiddenOutput = false;

  add(chunk: string, hidden = this.hidden): void {
    if (hidden) {
      this.hiddenOutput = true;
      return;
    }
    const room = MAX_OUTPUT_CHARS - this.text.length;
    if (chunk.length > room) {
      this.dropped += chunk.length - Math.max(room, 0);
      chunk = chunk.slice(0, Math.max(room, 0));
    }
    this.text += chunk;
  }

  take(): { output?: string; outputTruncated?: boolean } {
    let output = this.text;
    if (this.hiddenOutput) output += `${output && !output.endsWith("\n") ? "\n" : ""}[output printed during hidden cases, if any, is not shown]\n`;
    if (this.dropped > 0) output += `${output.endsWith("\n") ? "" : "\n"}[${this.dropped} more characters not shown]\n`;
    const result = output ? { output, ...(this.dropped > 0 ? { outputTruncated: true } : {}) } : {};
    this.text = "";
    this.dropped = 0;
    this.hiddenOutput = false;
    return result;
  }
}

/** check()'s options with every default filled in. */
type Settled = CheckOptions & Required<Pick<CheckOptions, "fixturesDir" | "timeoutMs" | "memoryMb" | "cache">> & { cwd: string };

/** The sandboxes of a run: those whose output is shown, one per job, and as many for hidden cases. */
function startSandboxes(options: Settled): { pool: Sandbox[]; hiddenPool: Sandbox[] } {
  const jobs = Math.max(1, options.jobs ?? 1);
  const pool = (options.sandboxes ?? []).slice(0, jobs);
  while (pool.length < jobs) pool.push(new Sandbox({ memoryMb: options.memoryMb }));
  for (const sandbox of pool) sandbox.warmUp();
  // Hidden cases run in sandboxes of their own, started only when needed; what they print is never shown.
  const hiddenPool = pool.map(() => new Sandbox({ memoryMb: options.memoryMb }));
  const gate = new VisibilityGate((kind) => Promise.all((kind === "hidden" ? hiddenPool : pool).map((sandbox) => sandbox.close())));
  for (const sandbox of pool) sandbox.useGate(gate, "shown");
  for (const sandbox of hiddenPool) sandbox.useGate(gate, "hidden");
  return { pool, hiddenPool };
}

/**
 * Shares functions out among the sandboxes, heaviest first, by a fixed rule (not by which sandbox is
 * free first), so a run is repeatable; results are reported in course order all the same.
 */
function shareOut(fixtures: readonly Fixture[], sandboxes: number): number[][] {
  const order = fixtures.map((_, index) => index).sort((a, b) => weight(fixtures[b]) - weight(fixtures[a]));
  const queues: number[][] = Array.from({ length: sandboxes }, () => []);
  const loads = queues.map(() => 0);
  for (const index of order) {
    const lightest = loads.indexOf(Math.min(...loads));
    queues[lightest].push(index);
    loads[lightest] += weight(fixtures[index]);
  }
  return queues;
}

/** What grading the functions of a run shares. */
interface Grading {
  options: Settled;
  dir: string;
  fixtures: Fixture[];
  sources: Map<string, string>;
  unattributed: OutputCollector;
  /** called with each function's result, in course order, as soon as it and those before it are done */
  emit: (index: number, result: FunctionResult) => void;
}

/** Grades the functions of one queue, one after the other, in one pair of sandboxes. */
async function gradeQueue(grading: Grading, sandbox: Sandbox, hiddenSandbox: Sandbox, queue: number[]): Promise<void> {
  const { options, dir, fixtures, sources } = grading;
  const output = new OutputCollector();
  sandbox.onOutput = (_stream, text, framed) => (framed ? output : grading.unattributed).add(text);
  hiddenSandbox.onOutput = () => output.add("", true);
  for (const index of queue) {
    const began = performance.now();
    // The note is there whenever the function has hidden cases: were it there only when they printed,
    // whether they printed would be one bit of their inputs.
    output.hiddenOutput = [...fixtures[index].cases, ...fixtures[index].gradientChecks].some((c) => c.hidden);
    const ctx = {
      sandbox,
      hiddenSandbox,
      sources,
      dir,
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
      memoryMb: options.memoryMb,
      used: { shown: 0, hidden: 0 },
      setHidden: (hidden: boolean) => {
        output.hidden = hidden;
      },
    };
    const graded = await gradeFunction(ctx, fixtures[index]);
    const line = exportLine(sources.get(join(dir, fixtures[index].exercise.file)), fixtures[index].exercise.name);
    const durationMs = Math.round(performance.now() - began);
    grading.emit(index, { ...graded, ...(line !== undefined ? { exportLine: line } : {}), durationMs, ...output.take() });
  }
}

/** Puts each type error under the function whose own file has it, paths relative to cwd. */
function attachTypeErrors(functions: FunctionResult[], errors: readonly TypeErrorInfo[], dir: string, cwd: string): void {
  for (const result of functions) {
    const file = join(dir, exerciseNamed(result.name).file);
    const own = errors.filter((error) => error.file === file).map((error) => ({ ...error, file: relative(cwd, error.file) }));
    if (own.length > 0) result.typeErrors = own.slice(0, 20);
  }
}

/** Runs a whole check and returns its report. Throws HarnessError for bad folders or fixtures. */
export async function check(given: CheckOptions): Promise<Report> {
  const started = performance.now();
  const options: Settled = {
    ...given,
    fixturesDir: given.fixturesDir ?? PACKAGE_FIXTURES,
    timeoutMs: given.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    memoryMb: given.memoryMb ?? DEFAULT_MEMORY_MB,
    cache: given.cache ?? new DiskCache(undefined),
    cwd: given.cwd ?? process.cwd(),
  };
  checkLimits(options);
  const dir = resolveSubmissionDir(options.dir, options.cwd);
  const { pool, hiddenPool } = startSandboxes(options);
  try {
    // Every exercise file, not only those selected: a gradient check runs through another function.
    const entries = EXERCISES.map((exercise) => join(dir, exercise.file));
    const [fixtures, { files, sources }] = await Promise.all([
      loadFixtures(options.fixturesDir, options.functions, options.cache, options.cwd),
      transpileSubmission(dir, entries, options.cache, undefined, options.transpiler),
    ]);
    for (const sandbox of [...pool, ...hiddenPool]) sandbox.setFiles({ type: "init", files, maxElements: MAX_ELEMENTS });
    // The compiler runs beside the grading, in a process of its own: it costs no waiting.
    const typechecked = options.typecheck ? typecheck(dir, sources) : undefined;
    const submission = relative(options.cwd, dir) || ".";
    const fixturesShown = relative(options.cwd, options.fixturesDir) || ".";
    options.onEvent?.({ type: "start", submission, fixtures: fixturesShown, functions: fixtures.map((f) => f.exercise.name) });
    const slots: (FunctionResult | undefined)[] = fixtures.map(() => undefined);
    let emitted = 0;
    const emit = (index: number, result: FunctionResult) => {
      slots[index] = result;
      for (; emitted < slots.length && slots[emitted]; emitted++) options.onEvent?.({ type: "function-result", result: slots[emitted] as FunctionResult });
    };
    const grading: Grading = { options, dir, fixtures, sources, unattributed: new OutputCollector(), emit };
    const queues = shareOut(fixtures, pool.length);
    await Promise.all(pool.map((sandbox, k) => gradeQueue(grading, sandbox, hiddenPool[k], queues[k])));
    const functions = slots as FunctionResult[];
    const types = typechecked ? await typechecked : undefined;
    if (types && "errors" in types) attachTypeErrors(functions, types.errors, dir, options.cwd);
    return {
      ...(types && "unavailable" in types ? { typecheckUnavailable: types.unavailable } : {}),
      score: functions.reduce((sum, f) => sum + f.score, 0),
      maxScore: functions.reduce((sum, f) => sum + f.maxScore, 0),
      functions,
      ...grading.unattributed.take(),
      submission,
      fixtures: fixturesShown,
      timeoutMs: options.timeoutMs,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await Promise.all([...pool, ...hiddenPool].map((sandbox) => sandbox.close()));
  }
}
