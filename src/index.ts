/** The public API of convgrade: learner types, the seeded generator, and the check pipeline. */
export type * from "./types.js";
export { RandomState, type NestedOf, type NestedNumbers } from "./random/random-state.js";
export { EXERCISES, findExercise, type Exercise, type FunctionName } from "./exercises.js";
export { check, type CheckOptions } from "./run/check.js";
export { DiskCache, defaultCacheDir } from "./cache.js";
export type { CaseResult, CaseStatus, FunctionResult, FunctionStatus, Report } from "./result.js";
export { HarnessError, ExitCode } from "./errors.js";
export { gradeClass, type GradeClassOptions, type ClassResult, type SubmissionResult } from "./batch/grade-class.js";
