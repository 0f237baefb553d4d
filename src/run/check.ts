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
import { MAX_ELEMENTS, MAX_OUTPUT_CHARS, MAX_SANDBOXES_AHEAD, MIN_MEMORY_MB, MIN_TIMEOUT_MS } from "../limits.js";
import type { CheckEvent, FunctionResult, Report, SandboxIsolation, TypeErrorInfo } from "../result.js";
import { type Sandbox, sameSandboxOptions } from "../sandbox/host.js";
import { isolation, isolationSoFar, settledIsolation } from "../sandbox/isolation.js";
import type { SourceFile } from "../sandbox/protocol.js";
import { SandboxSet } from "../sandbox/sandbox-set.js";
import { exportLine } from "../submission/export-line.js";
import { type TranspilerPool, transpileSubmission } from "../submission/transpile.js";
import { typecheck } from "../submission/typecheck.js";
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, PACKAGE_FIXTURES } from "./defaults.js";
import { keepVerdict, keptVerdict, type RunInputs, rememberAllKept, type VerdictScope, verdictScope } from "./verdicts.js";

export { isolation, sameSandboxOptions };

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
  /** a harness error (exit 2) unless the kernel cuts the sandbox off the network */
  requireIsolation?: boolean;
  /** run the TypeScript compiler over the submission too; its errors are shown, never scored */
  typecheck?: boolean;
  /**
   * reuse, from the cache, the verdicts of functions whose code, fixture and settings are unchanged since
   * an earlier check (see verdicts.ts): for a learner's own loop only, never where the grade is for
   * someone else. Ignored when a fixture has hidden cases.
   */
  verdicts?: boolean;
  /**
   * when given, check() returns as soon as the report is made and hands over the closing of its sandbox
   * processes (killed already) instead of waiting for their exit: for a caller that waits for it before
   * its next check (watch mode prints a save's result sooner)
   */
  closing?: (closed: Promise<void>) => void;
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
export function checkLimits(options: { memoryMb: number; timeoutMs: number; jobs?: number; requireIsolation?: boolean }): void {
  requireIsolation(options.requireIsolation === true);
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

/** With --require-isolation, a machine whose kernel cannot cut the sandbox off the network is a harness error. */
function requireIsolation(required: boolean, walls?: SandboxIsolation): void {
  if (!required) return;
  // Probed only when it matters: a check learns the walls from its first sandbox instead (isolation.ts).
  walls ??= isolation();
  if (!walls.network) return;
  throw new HarnessError(
    "SANDBOX",
    `--require-isolation: this machine cannot cut the sandbox off the network (${walls.reason ?? walls.level}); see "Threat model" in convgrade's README`,
  );
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

/**
 * The sandboxes of a run: a process per graded function and visibility (see sandbox-set.ts). Spares
 * are kept warm only when no fixture has hidden cases: switching to hidden cases kills them.
 */
function startSandboxes(options: Settled, jobs: number): SandboxSet {
  const early = options.sandboxes ?? [];
  const set = new SandboxSet({ memoryMb: options.memoryMb }, Math.max(jobs, early.length), early.slice(0, MAX_SANDBOXES_AHEAD));
  // Started before the fixtures are read: the first one to get ready tells the walls (settledIsolation).
  // Not where verdicts may be reused: whether any function runs is known only once they are looked up.
  if (!options.verdicts) set.fillSpares("shown");
  return set;
}

/**
 * Shares the functions to grade (indices into fixtures) out among the sandboxes, heaviest first, by a
 * fixed rule (not by which sandbox is free first), so a run is repeatable; results are reported in course
 * order all the same.
 */
function shareOut(fixtures: readonly Fixture[], toGrade: readonly number[], sandboxes: number): number[][] {
  const order = [...toGrade].sort((a, b) => weight(fixtures[b]) - weight(fixtures[a]));
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
  sandboxes: SandboxSet;
  /** where verdicts are kept for later runs; none when this run may not use them */
  verdicts?: VerdictScope;
  /** whether every function's verdict so far was reused or kept (then the run's inputs are remembered) */
  allKept: boolean;
  /** called with each function's result, in course order, as soon as it and those before it are done */
  emit: (index: number, result: FunctionResult) => void;
}

function hasHiddenCases(fixture: Fixture): boolean {
  return [...fixture.cases, ...fixture.gradientChecks].some((c) => c.hidden);
}

/** Grades the functions of one queue, one after the other, each in sandboxes of its own. */
async function gradeQueue(grading: Grading, queue: number[]): Promise<void> {
  const { options, dir, fixtures, sources, sandboxes } = grading;
  const output = new OutputCollector();
  for (const index of queue) {
    const began = performance.now();
    const fixture = fixtures[index];
    const hasHidden = hasHiddenCases(fixture);
    // The note is there whenever the function has hidden cases: were it there only when they printed,
    // whether they printed would be one bit of their inputs.
    output.hiddenOutput = hasHidden;
    const sandbox = sandboxes.take("shown");
    const hiddenSandbox = hasHidden ? sandboxes.take("hidden") : undefined;
    sandbox.onOutput = (_stream, text, framed) => (framed ? output : grading.unattributed).add(text);
    if (hiddenSandbox) hiddenSandbox.onOutput = () => output.add("", true);
    const ctx = {
      sandbox,
      hiddenSandbox: hiddenSandbox ?? sandbox,
      sources,
      dir,
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
      memoryMb: options.memoryMb,
      used: { shown: 0, hidden: 0 },
      setHidden: (hidden: boolean) => {
        output.hidden = hidden;
      },
      wantLoadedFiles: grading.verdicts !== undefined,
    };
    try {
      const { loadedFiles, ...graded } = await gradeFunction(ctx, fixture);
      const entry = join(dir, fixture.exercise.file);
      const line = exportLine(sources.get(entry), fixture.exercise.name);
      const durationMs = Math.round(performance.now() - began);
      const result: FunctionResult = { ...graded, ...(line !== undefined ? { exportLine: line } : {}), durationMs, ...output.take() };
      const kept = grading.verdicts !== undefined && loadedFiles !== undefined && keepVerdict(grading.verdicts, fixture, loadedFiles, result);
      if (!kept) grading.allKept = false;
      grading.emit(index, result);
    } finally {
      // Used once: nothing this function's code left in its processes reaches the next function. Killed
      // now; their exit is awaited by the gate (before the other kind runs) and at the end of the check.
      void sandboxes.release(sandbox);
      if (hiddenSandbox) void sandboxes.release(hiddenSandbox);
    }
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

/**
 * The verdicts this run reuses (by fixture index) and the functions left to grade. Only where the caller
 * allows it, and never with hidden cases: those grades are for someone else.
 */
function earlierVerdicts(
  options: Settled,
  dir: string,
  fixtures: readonly Fixture[],
  submission: { files: Record<string, SourceFile>; sources: ReadonlyMap<string, string> },
  hiddenCases: boolean,
): { verdicts?: VerdictScope; kept: Map<number, FunctionResult>; toGrade: number[] } {
  const { files, sources } = submission;
  const scope =
    options.verdicts && !hiddenCases
      ? verdictScope({ cache: options.cache, dir, cwd: options.cwd, timeoutMs: options.timeoutMs, memoryMb: options.memoryMb, files, sources })
      : undefined;
  const kept = new Map<number, FunctionResult>();
  const toGrade: number[] = [];
  fixtures.forEach((fixture, index) => {
    const result = scope && keptVerdict(scope, fixture);
    if (result) kept.set(index, result);
    else toGrade.push(index);
  });
  return { verdicts: scope, kept, toGrade };
}

/** What the run read, for the CLI's guess before the next check (verdicts.ts, allKeptLastTime). */
function runInputs(
  options: Settled,
  dir: string,
  fixtures: readonly Fixture[],
  files: Record<string, SourceFile>,
  sources: ReadonlyMap<string, string>,
): RunInputs {
  return {
    dir,
    cwd: options.cwd,
    fixturesDir: options.fixturesDir,
    timeoutMs: options.timeoutMs,
    memoryMb: options.memoryMb,
    sources: new Map(Object.keys(files).map((path) => [path, sources.get(path)])),
    fixtures: fixtures.map((fixture) => ({ name: fixture.exercise.name, hash: fixture.hash })),
  };
}

/** Kills a check's sandboxes and waits for their exit, or hands that wait over (CheckOptions.closing). */
async function closeSandboxes(sandboxes: SandboxSet, options: CheckOptions): Promise<void> {
  const closed = sandboxes.close();
  if (options.closing) options.closing(closed);
  else await closed;
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
  checkLimits({ ...options, requireIsolation: false });
  const dir = resolveSubmissionDir(options.dir, options.cwd);
  const jobs = Math.max(1, options.jobs ?? 1);
  const sandboxes = startSandboxes(options, jobs);
  try {
    // Every exercise file, not only those selected: a gradient check runs through another function.
    const entries = EXERCISES.map((exercise) => join(dir, exercise.file));
    // The first sandbox starts meanwhile: the walls are learnt from it (settledIsolation).
    const [fixtures, { files, sources }] = await Promise.all([
      loadFixtures(options.fixturesDir, options.functions, options.cache, options.cwd),
      transpileSubmission(dir, entries, options.cache, undefined, options.transpiler),
    ]);
    const hiddenCases = fixtures.some(hasHiddenCases);
    const { verdicts, kept, toGrade } = earlierVerdicts(options, dir, fixtures, { files, sources }, hiddenCases);
    sandboxes.setFiles({ type: "init", files, maxElements: MAX_ELEMENTS });
    if (hiddenCases) sandboxes.noSpares();
    // One process per function, each started ahead so their start-ups overlap (never reused).
    else sandboxes.plan(toGrade.length, Math.min(toGrade.length, MAX_SANDBOXES_AHEAD));
    // With nothing to run, the walls the sandboxes would have are reported without waiting for one.
    const walls = toGrade.length > 0 || options.requireIsolation ? await settledIsolation() : isolationSoFar();
    requireIsolation(options.requireIsolation === true, walls);
    // The compiler runs beside the grading, in a process of its own: it costs no waiting.
    const typechecked = options.typecheck ? typecheck(dir, sources) : undefined;
    const submission = relative(options.cwd, dir) || ".";
    const fixturesShown = relative(options.cwd, options.fixturesDir) || ".";
    options.onEvent?.({
      type: "start",
      submission,
      fixtures: fixturesShown,
      functions: fixtures.map((f) => f.exercise.name),
      isolation: walls,
      hiddenCases,
    });
    const slots: (FunctionResult | undefined)[] = fixtures.map(() => undefined);
    let emitted = 0;
    const emit = (index: number, result: FunctionResult) => {
      slots[index] = result;
      for (; emitted < slots.length && slots[emitted]; emitted++) options.onEvent?.({ type: "function-result", result: slots[emitted] as FunctionResult });
    };
    const grading: Grading = { options, dir, fixtures, sources, sandboxes, verdicts, allKept: true, unattributed: new OutputCollector(), emit };
    for (const [index, result] of kept) emit(index, result);
    const queues = shareOut(fixtures, toGrade, jobs);
    await Promise.all(queues.map((queue) => gradeQueue(grading, queue)));
    if (verdicts && grading.allKept) rememberAllKept(options.cache, runInputs(options, dir, fixtures, files, sources));
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
      sandbox: { ...(sandboxes.isolation ?? walls), processes: sandboxes.processes },
    };
  } finally {
    await closeSandboxes(sandboxes, options);
  }
}
