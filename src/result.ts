/** Result objects: what the core returns and every reporter consumes. */
import type { HarnessErrorCode } from "./errors.js";
import type { FunctionName } from "./exercises.js";
import type { SubmissionSummary } from "./report/submission-summary.js";

/** pass, fail (wrong answer), error (threw or could not run), timeout. */
export type CaseStatus = "pass" | "fail" | "error" | "timeout";
/** pass (full marks), fail, error (could not be graded), not-implemented. */
export type FunctionStatus = "pass" | "fail" | "error" | "not-implemented";

/** Where in the learner's code something happened. */
export interface SourceLocation {
  /** path relative to the working folder */
  file: string;
  line: number;
  column?: number;
  /** a few lines of source around the line, with a marker */
  frame?: string;
}

/**
 * The smallest 2-D slice of a wrong tensor around its worst element, for the visual diff: two axes vary
 * (rows and columns), the others are fixed at the worst element's index. Visible cases only.
 */
export interface DiffSlice {
  /** the tensor's name: "Z", "dAPrev" */
  tensor: string;
  /** the worst element's full index; the axes other than rowAxis and colAxis are fixed at it */
  index: number[];
  rowAxis: number;
  colAxis: number;
  /** the axes' names, when the exercise gives them ("nH") */
  rowName?: string;
  colName?: string;
  /** where the slice starts along rowAxis and colAxis */
  rowStart: number;
  colStart: number;
  expected: number[][];
  got: number[][];
  /** true where the cell is outside the tolerance */
  differs: boolean[][];
  /** a mask: 1 is true, 0 false */
  booleans?: boolean;
}

/** The tolerance a numeric case was judged with, and how close the value came (for --verbose). */
export interface ToleranceUsed {
  rtol: number;
  atol: number;
  /** the largest |got - expected| over the elements compared */
  largestError: number;
  /** the largest |got - expected| / (atol + rtol·|expected|): the value passes at 1 or below */
  ratio: number;
}

/** One expected-output case or one gradient check. */
export interface CaseResult {
  name: string;
  status: CaseStatus;
  points: number;
  maxPoints: number;
  /** learner-facing explanation; absent on passes and on hidden cases */
  message?: string;
  /** what to do about it: the mistake the output matches (see `mistake`), else the function's general hint */
  hint?: string;
  /** the known mistake whose fingerprint the output has ("strideForward"), when one matched */
  mistake?: string;
  /** the wrong tensor around its worst element (visible array cases only) */
  diff?: DiffSlice;
  /** the tolerance used and the largest error against it (visible numeric cases whose shape was right) */
  tolerance?: ToleranceUsed;
  location?: SourceLocation;
  hidden: boolean;
  notImplemented?: boolean;
}

/** A type error `check --typecheck` found: shown, never scored. */
export interface TypeErrorInfo {
  /** the file, relative to the working folder (absolute inside the core until the report is made) */
  file: string;
  line: number;
  column: number;
  /** "TS2322" */
  code: string;
  message: string;
}

/** The grade of one function. */
export interface FunctionResult {
  name: FunctionName;
  snakeName: string;
  /** the learner's file, relative to the working folder */
  file: string;
  status: FunctionStatus;
  score: number;
  maxScore: number;
  /** why the function could not be graded at all (status "error") */
  message?: string;
  location?: SourceLocation;
  /** the line of the function's export in the learner's file, as the grader read it (for CI annotations) */
  exportLine?: number;
  cases: CaseResult[];
  gradientChecks: CaseResult[];
  /** wall time spent grading this function, in milliseconds (mostly the learner's code running) */
  durationMs: number;
  /**
   * the verdict of an earlier check on exactly the same code, fixture and settings, not run again
   * (`check` outside CI, without hidden cases; `--no-cache` runs everything); durationMs is that run's
   */
  cached?: boolean;
  /** what the learner's code printed while this function ran (visible cases only) */
  output?: string;
  outputTruncated?: boolean;
  /** with --typecheck: type errors in the function's own file (not scored) */
  typeErrors?: TypeErrorInfo[];
}

/** The kernel's walls around a run's sandbox processes (see src/sandbox/isolation.ts). */
export interface SandboxIsolation {
  /**
   * `namespaces`: root, with network, mount, PID and IPC namespaces and an unprivileged user;
   * `user-namespace`: the same inside a user namespace; `user-only`: only the unprivileged user;
   * `none`: nothing beyond Node's permission model and the realm.
   */
  level: "namespaces" | "user-namespace" | "user-only" | "none";
  /** whether learner code that took over its sandbox process could reach a network (loopback included) */
  network: boolean;
  /** why a stronger level could not be had */
  reason?: string;
}

export interface Report {
  score: number;
  maxScore: number;
  functions: FunctionResult[];
  /** the submission folder and fixtures folder, relative to the working folder */
  submission: string;
  fixtures: string;
  timeoutMs: number;
  durationMs: number;
  /**
   * What the learner's code wrote to stdout or stderr directly (not through console or
   * process.stdout), which cannot be tied to a function; withheld when any case is hidden.
   */
  output?: string;
  outputTruncated?: boolean;
  /** with --typecheck, when the compiler could not run: why */
  typecheckUnavailable?: string;
  /** the weakest walls any sandbox process of the run had, and how many processes ran */
  sandbox?: SandboxIsolation & { processes: number };
}

/** Progress events of a run, for reporters that print as they go. */
export type CheckEvent =
  | {
      type: "start";
      submission: string;
      fixtures: string;
      functions: FunctionName[];
      /** the walls sandboxes of this run get; whether any case is hidden */
      isolation: SandboxIsolation;
      hiddenCases: boolean;
    }
  | { type: "function-result"; result: FunctionResult };

// ---- a class, graded by `convgrade grade` ----

/** A graded submission: pass (full marks) or fail; or one the harness could not grade. */
export type SubmissionResult =
  | { name: string; status: "pass" | "fail"; report: Report; durationMs: number }
  | { name: string; status: "harness-error"; code: HarnessErrorCode; message: string; submission: string; durationMs: number };

/** The functions graded, in course order, with their maximum scores. */
export interface GradedFunction {
  name: FunctionName;
  snakeName: string;
  maxScore: number;
}

export interface ClassResult {
  /** the class folder, relative to the working folder */
  dir: string;
  functions: GradedFunction[];
  maxScore: number;
  /** in the order of their names */
  submissions: SubmissionResult[];
  skipped: { name: string; reason: string }[];
  /** submissions of the class left to other shards */
  otherShards: number;
  shard?: { index: number; count: number };
  jobs: number;
  durationMs: number;
}

export type BatchEvent =
  | { type: "start"; total: number; jobs: number; functions: GradedFunction[] }
  | {
      type: "submission";
      /** what the gradebook holds of it (see src/report/submission-summary.ts) */
      summary: SubmissionSummary;
      /** true: its stored result was still valid and was reused, not graded again */
      reused: boolean;
      durationMs: number;
      done: number;
      total: number;
    };
