/** Result objects: what the core returns and every reporter consumes. */
import type { HarnessErrorCode } from "./errors.js";
import type { FunctionName } from "./exercises.js";

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

/** One expected-output case or one gradient check. */
export interface CaseResult {
  name: string;
  status: CaseStatus;
  points: number;
  maxPoints: number;
  /** learner-facing explanation; absent on passes and on hidden cases */
  message?: string;
  hint?: string;
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
  /** what the learner's code printed while this function ran (visible cases only) */
  output?: string;
  outputTruncated?: boolean;
  /** with --typecheck: type errors in the function's own file (not scored) */
  typeErrors?: TypeErrorInfo[];
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
}

/** Progress events of a run, for reporters that print as they go. */
export type CheckEvent =
  | { type: "start"; submission: string; fixtures: string; functions: FunctionName[] }
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
  | { type: "submission"; result: SubmissionResult; done: number; total: number };
