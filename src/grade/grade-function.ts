/**
 * Grades one exercise: load its file in the sandbox, run each case, check values, arguments and
 * cache, then run the gradient checks. A time-out, a crash or running out of memory fails the case
 * at hand; after two such failures the rest of the function is not run, which bounds a run's time.
 */
import { join, relative } from "node:path";
import { HarnessError } from "../errors.js";
import type { Exercise } from "../exercises.js";
import { DEFAULT_TOLERANCE, type Fixture, type FixtureCase, type GradientCheck } from "../fixtures/load.js";
import { FUNCTION_BUDGET_FACTOR, FUNCTION_BUDGET_SLACK_MS, MAX_FATAL_PER_FUNCTION } from "../limits.js";
import type { CaseResult, FunctionResult, FunctionStatus, SourceLocation } from "../result.js";
import type { Sandbox, SandboxFailure } from "../sandbox/host.js";
import type { CallItem, LoadFailure, ThrownInfo } from "../sandbox/protocol.js";
import { type BlameInput, blameSiblings } from "./blame.js";
import { checkArgumentsUnchanged, checkValue } from "./check-value.js";
import type { ErrorStats } from "./compare.js";
import { diagnose, type Observation } from "./diagnose/diagnose.js";
import { backwardArgs, gradientTargets, judgeGradients } from "./gradient-check.js";
import { type ChosenHint, chooseHint, fingerprintOf } from "./hints.js";
import { formatLocation, learnerFrame, locationIn, type Sources } from "./location.js";
import { hintHelps, isWireTag, type Mismatch, renderMismatch } from "./mismatch.js";

/** What grading one function needs from the run. */
export interface GradeContext {
  /** runs the visible cases; what it prints is shown */
  sandbox: Sandbox;
  /** runs the hidden cases, in processes of their own, so nothing they see can reach shown output */
  hiddenSandbox: Sandbox;
  /** the submission's sources as the grader read them, for code frames */
  sources: Sources;
  /** absolute, real path of the submission folder */
  dir: string;
  cwd: string;
  timeoutMs: number;
  memoryMb: number;
  /** tells the output collector whether the running case is hidden */
  setHidden(hidden: boolean): void;
  /** milliseconds the function's requests have taken so far, shown and hidden apart (see FUNCTION_BUDGET_FACTOR); fresh for each function */
  used: { shown: number; hidden: number };
  /** ask the realm, once graded, for every file it loaded (calls included): a kept verdict depends on them */
  wantLoadedFiles?: boolean;
}

interface Problem {
  status: "error" | "timeout";
  message: string;
  location?: SourceLocation;
  notImplemented?: boolean;
  fatal: boolean;
}

function failureProblem(failure: SandboxFailure, ctx: GradeContext, doing: string): Problem {
  switch (failure.kind) {
    case "timeout":
      if (failure.budgetMs !== undefined) {
        return {
          status: "timeout",
          message: `${doing} used up the time its cases may take together (${FUNCTION_BUDGET_FACTOR} × ${failure.ms} ms + ${FUNCTION_BUDGET_SLACK_MS / 1000} s): is every call slow?`,
          fatal: true,
        };
      }
      return { status: "timeout", message: `${doing} did not finish within ${failure.ms} ms (an endless loop?)`, fatal: true };
    case "out-of-memory":
      return {
        status: "error",
        message: `ran out of memory while ${doing} (the sandbox's limit is ${ctx.memoryMb} MiB): a huge array, or allocation without end?`,
        fatal: true,
      };
    case "crashed": {
      const how = failure.signal ? `was killed by ${failure.signal}` : `exited with code ${failure.code}`;
      return { status: "error", message: `the sandbox process ${how} while ${doing}`, fatal: true };
    }
    case "protocol":
      return { status: "error", message: failure.message, fatal: true };
    case "start":
      // Not the learner's doing: no verdict at all, rather than a zero that blames the submission.
      throw new HarnessError("SANDBOX", `the sandbox could not start: ${failure.message}`);
  }
}

function thrownProblem(thrown: ThrownInfo, ctx: GradeContext): Problem {
  if (thrown.notImplemented) return { status: "error", message: "not implemented yet", notImplemented: true, fatal: false };
  const location = learnerFrame(thrown.stack, ctx.sources, ctx.cwd);
  const where = location ? ` (at ${formatLocation(location)})` : "";
  return { status: "error", message: `threw ${thrown.name}: ${thrown.message}${where}`, location, fatal: false };
}

/** A learner-facing explanation of why a file could not be loaded. */
export function loadProblem(failure: LoadFailure, ctx: GradeContext, own?: string): Problem {
  const problem = describeLoadFailure(failure, ctx);
  // A broken import is reported as such: the function's own file may be fine.
  if (own && failure.file !== own && !problem.notImplemented) {
    problem.message = `${relative(ctx.cwd, own)} imports ${relative(ctx.cwd, failure.file)}, which cannot be loaded: ${problem.message}`;
  }
  return problem;
}

function describeLoadFailure(failure: LoadFailure, ctx: GradeContext): Problem {
  const file = relative(ctx.cwd, failure.file);
  switch (failure.kind) {
    case "missing-file":
      return { status: "error", message: `${file} not found`, fatal: false };
    case "syntax": {
      const location = locationIn(ctx.sources, failure.file, failure.line, failure.column, ctx.cwd);
      return { status: "error", message: `syntax error in ${location ? formatLocation(location) : file}: ${failure.message}`, location, fatal: false };
    }
    case "threw": {
      if (failure.thrown.notImplemented) return { status: "error", message: "not implemented yet", notImplemented: true, fatal: false };
      const location = learnerFrame(failure.thrown.stack, ctx.sources, ctx.cwd);
      return {
        status: "error",
        message: `${file} threw while loading: ${failure.thrown.name}: ${failure.thrown.message}${location ? ` (at ${formatLocation(location)})` : ""}`,
        location,
        fatal: false,
      };
    }
    case "bad-import":
      return { status: "error", message: `${file}: ${failure.message}`, fatal: false };
    case "unusable":
      return { status: "error", message: `${file} cannot be loaded: ${failure.message}`, fatal: false };
    case "missing-export": {
      const has = failure.exports.length ? `it exports ${failure.exports.map((name) => `"${name}"`).join(", ")}` : "it exports nothing";
      const near = failure.exports.find((name) => name.toLowerCase() === failure.exportName.toLowerCase() || name === "default");
      const hint = near ? `; rename "${near}" to "${failure.exportName}" and export it by name` : "";
      return { status: "error", message: `${file} has no export named "${failure.exportName}": ${has}${hint}`, fatal: false };
    }
  }
}

/** A wrong answer: what is wrong, and the words for it when they differ from renderMismatch's. */
interface Wrong {
  status: "fail";
  mismatch: Mismatch;
  /** a gradient check's sentence ends with a full stop */
  sentence?: boolean;
  /** the hint chosen for this failure (./hints.ts), in place of the case's own */
  chosen?: ChosenHint;
}

/** What a visible case shows beyond its verdict: the tolerance used and how close the value came. */
type Extras = Pick<CaseResult, "tolerance">;

function caseResult(c: { name: string; points: number; hidden: boolean; hint?: string }, problem?: Problem | Wrong, extras: Extras = {}): CaseResult {
  // Hidden cases show name, pass or fail, and points only: no message could leak inputs or expected
  // values, and whether a wrong answer threw or timed out would be one more bit of them.
  const shown = c.hidden ? {} : extras;
  if (!problem) return { name: c.name, status: "pass", points: c.points, maxPoints: c.points, hidden: c.hidden, ...shown };
  const result: CaseResult = { name: c.name, status: c.hidden ? "fail" : problem.status, points: 0, maxPoints: c.points, hidden: c.hidden, ...shown };
  if (!c.hidden) {
    if (problem.status === "fail") {
      result.message = renderMismatch(problem.mismatch) + (problem.sentence ? "." : "");
      // A hint about the algorithm does not help with a Promise, a cycle or an oversized value.
      const chosen = problem.chosen ?? (c.hint && hintHelps(problem.mismatch) ? { hint: c.hint } : {});
      if (chosen.hint) result.hint = chosen.hint;
      if (chosen.mistake) result.mistake = chosen.mistake;
      const slice = "slice" in problem.mismatch ? problem.mismatch.slice : undefined;
      if (slice) result.diff = slice;
    } else {
      result.message = problem.message;
      if (problem.location) result.location = problem.location;
    }
  }
  if (problem.status !== "fail" && problem.notImplemented) result.notImplemented = true;
  return result;
}

interface Collected {
  items: CallItem[];
  /** why the call after the last item got no answer */
  failure?: SandboxFailure;
}

/** Calls the exercise once per argument list, collecting one item per call. */
async function callMany(
  ctx: GradeContext,
  exercise: Exercise,
  argsList: unknown[][],
  options: { realm: string; returnArgs: boolean; stopOnThrow: boolean; perItem: boolean; pick?: number; hidden: boolean; onNext?: (index: number) => void },
): Promise<Collected> {
  const items: CallItem[] = [];
  options.onNext?.(0);
  const sandbox = options.hidden ? ctx.hiddenSandbox : ctx.sandbox;
  const used = ctx.used;
  const kind = options.hidden ? "hidden" : "shown";
  const budgetMs = FUNCTION_BUDGET_FACTOR * ctx.timeoutMs + FUNCTION_BUDGET_SLACK_MS - used[kind];
  if (budgetMs <= 0) return { items, failure: { kind: "timeout", ms: ctx.timeoutMs, budgetMs: 0 } };
  const began = performance.now();
  const outcome = await sandbox.request(
    {
      type: "call",
      id: 0,
      realm: options.realm,
      file: join(ctx.dir, exercise.file),
      exportName: exercise.name,
      argsList,
      returnArgs: options.returnArgs,
      stopOnThrow: options.stopOnThrow,
      pick: options.pick,
    },
    ctx.timeoutMs,
    {
      perItem: options.perItem,
      count: argsList.length,
      budgetMs,
      onItem: (item) => {
        items.push(item);
        if (items.length < argsList.length) options.onNext?.(items.length);
      },
    },
  );
  // The request's whole time once the sandbox was ready (calls that throw included), not the waiting for
  // a sandbox to start: a busy machine's start-ups cost the learner nothing.
  used[kind] += Math.min(outcome.ms ?? 0, performance.now() - began);
  return outcome.ok ? { items } : { items, failure: outcome.failure };
}

/** The problem of a call item that did not return, or undefined when it returned. */
function itemProblem(item: CallItem, ctx: GradeContext): Problem | undefined {
  if (item.ok) return undefined;
  if (item.thrown) return thrownProblem(item.thrown, ctx);
  if (item.failure) return loadProblem(item.failure, ctx);
  return { status: "error", message: "the sandbox reported a failure without details", fatal: true };
}

/** What a visible case's call returned, for the diagnosis over all of a function's cases (./diagnose/). */
type Seen = Omit<Observation, "testCase" | "result">;

function judgeCase(ctx: GradeContext, exercise: Exercise, testCase: FixtureCase, item: CallItem, seen: Seen = {}): CaseResult {
  const problem = itemProblem(item, ctx);
  if (problem || !item.ok) return caseResult(testCase, problem);
  seen.value = item.value;
  if (item.aliases) seen.aliases = item.aliases;
  const value = item.value;
  if (isWireTag(value) && value.$wire === "promise") return caseResult(testCase, { status: "fail", mismatch: { kind: "promise", function: exercise.name } });
  const stats: ErrorStats = { largestError: 0, ratio: 0 };
  const wrongValue = checkValue(exercise, testCase, value, stats);
  const modified = checkArgumentsUnchanged(exercise, testCase.args, item.args);
  const mismatch = wrongValue ?? modified;
  const numeric = exercise.output !== "mask" && (!wrongValue || wrongValue.kind === "values" || wrongValue.kind === "scalar-value");
  const extras: Extras = numeric ? { tolerance: { ...testCase.tolerance, ...stats } } : {};
  if (!mismatch) return caseResult(testCase, undefined, extras);
  const failed = { mismatch, value, stats: numeric ? stats : undefined, argumentsModified: !!modified };
  const chosen = testCase.hidden ? {} : chooseHint(exercise, testCase, failed);
  const fingerprint = testCase.hidden || !hintHelps(mismatch) ? undefined : fingerprintOf(exercise, testCase, failed);
  if (fingerprint) seen.fingerprint = fingerprint;
  return caseResult(testCase, { status: "fail", mismatch, chosen }, extras);
}

/** Marks a case not run because its function already timed out or crashed too often. */
function notRun(c: { name: string; points: number; hidden: boolean }, exercise: Exercise, fatal: Problem[]): CaseResult {
  const allTimeouts = fatal.every((problem) => problem.status === "timeout");
  const what = allTimeouts ? "timed out" : "timed out or crashed the sandbox";
  return skipped(c, allTimeouts ? "timeout" : "error", `not run: ${fatal.length} earlier cases of ${exercise.name} ${what}`);
}

/**
 * Time-outs and crashes so far, kept apart by visibility: what hidden cases did must not change what
 * visible ones show ("not run: earlier cases timed out" would tell that a hidden one did).
 */
interface FatalCounts {
  shown: Problem[];
  hidden: Problem[];
}

/**
 * Runs all cases of a function in as few requests as possible: the visible ones in the shown sandbox,
 * the hidden ones in the hidden sandbox. Results come back in the fixture's order.
 */
async function runCases(ctx: GradeContext, exercise: Exercise, cases: FixtureCase[]): Promise<{ results: CaseResult[]; fatal: FatalCounts; seen: Seen[] }> {
  const fatal: FatalCounts = { shown: [], hidden: [] };
  const results: CaseResult[] = new Array(cases.length);
  const seen: Seen[] = cases.map(() => ({}));
  for (const hidden of [false, true]) {
    const indices = cases.map((c, index) => (c.hidden === hidden ? index : -1)).filter((index) => index >= 0);
    if (indices.length === 0) continue;
    const group = await runGroup(
      ctx,
      exercise,
      indices.map((index) => cases[index]),
      hidden,
      hidden ? fatal.hidden : fatal.shown,
      // Nothing of a hidden case's output is kept: it is never diagnosed.
      hidden ? undefined : indices.map((index) => seen[index]),
    );
    for (const [k, result] of group.entries()) results[indices[k]] = result;
  }
  return { results, fatal, seen };
}

/** Runs cases of one visibility; a time-out or crash fails the case that was running, and the rest go on in a fresh sandbox. */
async function runGroup(ctx: GradeContext, exercise: Exercise, cases: FixtureCase[], hidden: boolean, fatal: Problem[], seen?: Seen[]): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  while (results.length < cases.length) {
    if (fatal.length >= MAX_FATAL_PER_FUNCTION) {
      for (const c of cases.slice(results.length)) results.push(notRun(c, exercise, fatal));
      break;
    }
    const start = results.length;
    const batch = cases.slice(start);
    const { items, failure } = await callMany(
      ctx,
      exercise,
      batch.map((c) => c.args),
      {
        realm: exercise.name,
        returnArgs: true,
        stopOnThrow: false,
        perItem: true,
        hidden,
        onNext: () => ctx.setHidden(hidden),
      },
    );
    for (const [k, item] of items.entries()) results.push(judgeCase(ctx, exercise, batch[k], item, seen?.[start + k]));
    if (results.length === cases.length) break;
    const current = cases[results.length];
    if (failure) {
      const problem = failureProblem(failure, ctx, `running ${exercise.name}`);
      results.push(caseResult(current, problem));
      fatal.push(problem);
    } else {
      // "done" came early: the module failed to load in a fresh sandbox, or the child misbehaved.
      const last = items[items.length - 1];
      const problem = (last && itemProblem(last, ctx)) ?? { status: "error" as const, message: "the sandbox stopped answering", fatal: true };
      for (const c of cases.slice(results.length)) results.push(caseResult(c, problem));
    }
  }
  return results;
}

/**
 * Runs one gradient check: the backward alone, on the check's upstream gradient and cache, against the
 * reference's numerical gradients stored in the fixture (the learner's forward plays no part).
 */
async function runGradientCheck(ctx: GradeContext, exercise: Exercise, check: GradientCheck): Promise<{ result: CaseResult; fatal?: Problem }> {
  if (!exercise.gradientCheck) return { result: caseResult(check, { status: "error", message: `${exercise.name} has no gradient check`, fatal: false }) };
  const run = await callMany(ctx, exercise, [backwardArgs(exercise, check.args, check.upstream)], {
    realm: exercise.name,
    returnArgs: false,
    stopOnThrow: true,
    perItem: false,
    hidden: check.hidden,
  });
  const item = run.items[0];
  const problem = run.failure
    ? failureProblem(run.failure, ctx, `running ${exercise.name}`)
    : item
      ? itemProblem(item, ctx)
      : { status: "error" as const, message: "the sandbox stopped answering", fatal: true };
  if (problem || !item?.ok) return { result: caseResult(check, problem), fatal: problem?.fatal ? problem : undefined };
  const verdict = judgeGradients(gradientTargets(exercise), item.value, check.numericGradients, check.threshold);
  return { result: caseResult(check, verdict.mismatch ? { status: "fail", mismatch: verdict.mismatch, sentence: true } : undefined) };
}

/** The submission files the function's realm loaded, when the sandbox reports them. */
function loadedFilesOf(loaded: Awaited<ReturnType<Sandbox["request"]>>): string[] | undefined {
  if (!loaded.ok) return undefined;
  const files = (loaded.response as { files?: unknown }).files;
  return Array.isArray(files) && files.every((file) => typeof file === "string") ? files : undefined;
}

function skipped(c: { name: string; points: number; hidden: boolean }, status: "error" | "timeout", message: string): CaseResult {
  return { name: c.name, status: c.hidden ? "fail" : status, points: 0, maxPoints: c.points, hidden: c.hidden, ...(c.hidden ? {} : { message }) };
}

function statusOf(cases: CaseResult[], score: number, maxScore: number): FunctionStatus {
  if (score === maxScore) return "pass";
  if (cases.length > 0 && cases.every((c) => c.notImplemented)) return "not-implemented";
  return "fail";
}

/**
 * Weighs the visible cases together (./diagnose/): a failed case gets the mistake the diagnosis names on
 * it, and a case the diagnosis names nothing on keeps the function's general hint, even where a
 * fingerprint alone named one (the other cases did not bear it out).
 */
export function applyDiagnosis(exercise: Exercise, fixtureCases: FixtureCase[], results: CaseResult[], seen: Seen[]): void {
  const visible = fixtureCases.flatMap((testCase, k) => (testCase.hidden ? [] : [{ k, observation: { testCase, result: results[k], ...seen[k] } }]));
  const diagnosis = diagnose(
    exercise,
    visible.map((v) => v.observation),
  );
  visible.forEach(({ k, observation }, index) => {
    const result = results[k];
    const named = diagnosis.get(index);
    if (named) {
      result.hint = named.hint;
      result.mistake = named.mistake;
    } else if (result.mistake !== undefined) {
      delete result.mistake;
      if (observation.testCase.hint) result.hint = observation.testCase.hint;
      else delete result.hint;
    }
  });
}

/**
 * A function's grade, and the submission files its realm loaded, its calls included (what the grade
 * depends on, see run/verdicts.ts): undefined unless asked for, or when the sandbox could not say.
 */
export type Graded = Omit<FunctionResult, "durationMs"> & { loadedFiles?: string[] };

/** When asked for, every file the function's realm has loaded, its calls included: a second load of the same module runs nothing. */
async function realmFiles(ctx: GradeContext, exercise: Exercise, file: string): Promise<string[] | undefined> {
  if (!ctx.wantLoadedFiles) return undefined;
  return loadedFilesOf(await ctx.sandbox.request({ type: "load", id: 0, realm: exercise.name, file, exportName: exercise.name }, ctx.timeoutMs));
}

/** Grades one exercise against its fixture. */
export async function gradeFunction(ctx: GradeContext, fixture: Fixture): Promise<Graded> {
  const exercise = fixture.exercise;
  const file = join(ctx.dir, exercise.file);
  const base = { name: exercise.name, snakeName: exercise.snakeName, file: relative(ctx.cwd, file) };
  const maxScore = [...fixture.cases, ...fixture.gradientChecks].reduce((sum, c) => sum + c.points, 0);

  ctx.setHidden(false);
  const loaded = await ctx.sandbox.request({ type: "load", id: 0, realm: exercise.name, file, exportName: exercise.name }, ctx.timeoutMs);
  // Loading counts against the function's budget too: code at the top of a module is learner code.
  ctx.used.shown += loaded.ms ?? 0;
  let loadFailure: Problem | undefined;
  if (!loaded.ok) loadFailure = failureProblem(loaded.failure, ctx, `loading ${base.file}`);
  else if (loaded.response.type !== "loaded") loadFailure = { status: "error", message: "the sandbox answered out of turn", fatal: true };
  else if (!loaded.response.ok) loadFailure = loadProblem(loaded.response.failure, ctx, file);
  if (loadFailure) {
    const status = loadFailure.notImplemented ? "not-implemented" : "error";
    const note = loadFailure.notImplemented ? "not implemented yet" : `not run: ${base.file} could not be loaded`;
    return {
      ...base,
      loadedFiles: ctx.wantLoadedFiles ? loadedFilesOf(loaded) : undefined,
      status,
      score: 0,
      maxScore,
      message: loadFailure.message,
      location: loadFailure.location,
      cases: fixture.cases.map((c) => skipped(c, "error", note)),
      gradientChecks: fixture.gradientChecks.map((c) => skipped(c, "error", note)),
    };
  }

  const ran = await runCases(ctx, exercise, fixture.cases);
  const cases = ran.results;
  const fatal = ran.fatal;
  applyDiagnosis(exercise, fixture.cases, cases, ran.seen);

  const gradientChecks: CaseResult[] = [];
  const allNotImplemented = cases.length > 0 && cases.every((c) => c.notImplemented);
  for (const check of fixture.gradientChecks) {
    if (allNotImplemented) {
      gradientChecks.push({ ...skipped(check, "error", "not implemented yet"), notImplemented: true });
      continue;
    }
    const counted = check.hidden ? fatal.hidden : fatal.shown;
    if (counted.length >= MAX_FATAL_PER_FUNCTION) {
      gradientChecks.push(notRun(check, exercise, counted));
      continue;
    }
    ctx.setHidden(check.hidden);
    const { result, fatal: problem } = await runGradientCheck(ctx, exercise, check);
    if (problem) counted.push(problem);
    gradientChecks.push(result);
  }
  ctx.setHidden(false);

  const all = [...cases, ...gradientChecks];
  const score = all.reduce((sum, c) => sum + c.points, 0);
  if (score < maxScore && fatal.shown.length < MAX_FATAL_PER_FUNCTION) {
    const inputs: BlameInput[] = [
      ...fixture.cases.map((c, k) => ({ result: cases[k], siblingCalls: c.siblingCalls, tolerance: c.tolerance })),
      ...fixture.gradientChecks.map((c, k) => ({ result: gradientChecks[k], siblingCalls: c.siblingCalls, tolerance: DEFAULT_TOLERANCE })),
    ].filter((input) => input.result !== undefined);
    await blameSiblings(
      exercise.name,
      inputs,
      (sibling) => join(ctx.dir, sibling.file),
      loadedFilesOf(loaded),
      async (sibling, argsList) => {
        // In the failing function's realm: the very module instance it imported.
        // Only visible cases are blamed, so the visible sandbox runs it.
        const run = await callMany(ctx, sibling, argsList, { realm: exercise.name, returnArgs: false, stopOnThrow: false, perItem: true, hidden: false });
        return run.items;
      },
    );
  }
  return { ...base, loadedFiles: await realmFiles(ctx, exercise, file), status: statusOf(all, score, maxScore), score, maxScore, cases, gradientChecks };
}
