/**
 * Every bound convgrade puts on a submission, in one place, time budgets included. The sandbox child is
 * bundled with this module too, so both sides of the channel agree. The defaults of the bounds a flag
 * sets (--timeout, --memory) are with the command line's other defaults, in src/run/defaults.ts.
 */

/** Numbers in one returned value above which it is refused unread. */
export const MAX_ELEMENTS = 1_000_000;
/**
 * Object entries in one returned value, counted at every visit. Answers are tensors: objects appear
 * only in caches (hyper-parameters), and each entry costs far more to carry than a number.
 */
export const MAX_OBJECT_ENTRIES = 10_000;
/** Nesting depth of a returned value the child describes (a 4-D tensor needs 4). */
export const MAX_VALUE_DEPTH = 12;
/** Depth the grader accepts when it rebuilds a value: tags (objects, their entries) add levels of their own. */
export const MAX_WIRE_DEPTH = MAX_VALUE_DEPTH + 4;
/** Characters of one piece of learner output (one console.log) sent over the channel. */
export const MAX_OUTPUT_CHUNK = 8192;
/** Characters of learner output kept per function in the report. */
export const MAX_OUTPUT_CHARS = 4000;
/** Frames above this are refused: a value of MAX_ELEMENTS numbers and its arguments fit well within. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** The least heap the sandbox needs for itself and the course's largest cases (a correct solution needs about 8 MiB). */
export const MIN_MEMORY_MB = 32;
/** Resident memory allowed above the heap limit (ArrayBuffers live outside the heap). */
export const RSS_HEADROOM_MB = 128;
/** The shortest time limit per case that makes sense: below it, a correct solution's cases time out. */
export const MIN_TIMEOUT_MS = 100;
/** What is read from one submission. */
export const SUBMISSION_LIMITS = {
  /** source files listed at most */
  maxFiles: 200,
  maxFileBytes: 512 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  /** folder nesting below the submission folder */
  maxDepth: 4,
};
/**
 * Sandbox processes of one check started ahead of their use, at most: one per function, so that their
 * start-ups overlap (each is still used once). An idle one holds about 40 MiB.
 */
export const MAX_SANDBOXES_AHEAD = 8;
/**
 * Children one fork server (zygote) can fork: each needs three descriptors passed when it starts. A
 * check's functions and a few restarts after crashes fit; past it, the next zygote is started.
 */
export const ZYGOTE_SLOTS = 12;
/** The sandbox process's own bounds, those of the harness rather than of learner code. */
export const SANDBOX_BOUNDS = {
  /** from spawn to ready, before it counts as not started (a slow machine's Node start-up is not the learner's) */
  startupMs: 30_000,
  /** how often resident memory is read while a sandbox lives */
  memoryWatchMs: 50,
  /** the walls' probe (node --version through them), when a start through them failed */
  probeMs: 10_000,
  /** how long unshare may outlive the kill of its namespace before it is killed too */
  killGraceMs: 1000,
  /** how often, and how many times, a kill looks for the namespace unshare is making */
  killPollMs: 5,
  killPolls: 200,
};
/** Time limits of the transpiler: per file, and for the whole submission. */
export const TRANSPILE_LIMITS = {
  perFileMs: 3000,
  totalMs: 10_000,
  /** the worker's loading of the transpiler, which is not counted against any file (it does not depend on them) */
  workerStartMs: 30_000,
};
/**
 * A function's calls may take at most this many time limits in all, visible and hidden counted apart:
 * calls each just under the limit (a wait that costs no CPU) must not hold a run for minutes.
 */
export const FUNCTION_BUDGET_FACTOR = 2;
/** Added to a function's budget: loading the module counts against it too, and two time-outs must still fit. */
export const FUNCTION_BUDGET_SLACK_MS = 1000;
/** After this many time-outs or crashes in one function, its remaining cases are not run: this bounds a run's time. */
export const MAX_FATAL_PER_FUNCTION = 2;
/** Wall time of the TypeScript compiler's run for `check --typecheck` (it never holds up grading beyond this). */
export const TYPECHECK_LIMIT_MS = 20_000;
