/** The public API of convgrade: learner types, the seeded generator, and the check pipeline. */

export { writeClassFiles } from "./batch/class-files.js";
export { type BatchResult, type GradeClassOptions, gradeClass } from "./batch/grade-class.js";
export { batchSecret } from "./batch/grading-key.js";
export { ResultStore } from "./batch/result-store.js";
export { DiskCache, defaultCacheDir } from "./cache.js";
export { ExitCode, HarnessError } from "./errors.js";
export { EXERCISES, type Exercise, type FunctionName, findExercise } from "./exercises.js";
export { type NestedNumbers, type NestedOf, RandomState, type Seed } from "./random/random-state.js";
export type { CaseResult, CaseStatus, ClassResult, FunctionResult, FunctionStatus, Report, SubmissionResult } from "./result.js";
export { type CheckOptions, check } from "./run/check.js";
export type * from "./types.js";
