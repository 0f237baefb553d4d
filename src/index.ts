/** The public API of convgrade: learner types, the seeded generator, and the check pipeline. */

export { type GradeClassOptions, gradeClass } from "./batch/grade-class.js";
export { DiskCache, defaultCacheDir } from "./cache.js";
export { ExitCode, HarnessError } from "./errors.js";
export { EXERCISES, type Exercise, type FunctionName, findExercise } from "./exercises.js";
export { type NestedNumbers, type NestedOf, RandomState, type Seed } from "./random/random-state.js";
export type { CaseResult, CaseStatus, ClassResult, FunctionResult, FunctionStatus, Report, SubmissionResult } from "./result.js";
export { type CheckOptions, check } from "./run/check.js";
export type * from "./types.js";
