// src/limits.ts
var MAX_ELEMENTS = 1e6;
var MAX_OBJECT_ENTRIES = 1e4;
var MAX_VALUE_DEPTH = 12;
var MAX_WIRE_DEPTH = MAX_VALUE_DEPTH + 4;
var MAX_OUTPUT_CHARS = 4e3;
var MAX_FRAME_BYTES = 64 * 1024 * 1024;
var MIN_MEMORY_MB = 32;
var RSS_HEADROOM_MB = 128;
var MIN_TIMEOUT_MS = 100;
var SUBMISSION_LIMITS = {
  /** source files listed at most */
  maxFiles: 200,
  maxFileBytes: 512 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  /** folder nesting below the submission folder */
  maxDepth: 4
};
var MAX_SANDBOXES_AHEAD = 8;
var ZYGOTE_SLOTS = 12;
var SANDBOX_BOUNDS = {
  /** from spawn to ready, before it counts as not started (a slow machine's Node start-up is not the learner's) */
  startupMs: 3e4,
  /** how often resident memory is read while a sandbox lives */
  memoryWatchMs: 50,
  /** the walls' probe (node --version through them), when a start through them failed */
  probeMs: 1e4,
  /** how long unshare may outlive the kill of its namespace before it is killed too */
  killGraceMs: 1e3,
  /** how often, and how many times, a kill looks for the namespace unshare is making */
  killPollMs: 5,
  killPolls: 200
};
var TRANSPILE_LIMITS = {
  perFileMs: 3e3,
  totalMs: 1e4,
  /** the worker's loading of the transpiler, which is not counted against any file (it does not depend on them) */
  workerStartMs: 3e4
};
var FUNCTION_BUDGET_FACTOR = 2;
var FUNCTION_BUDGET_SLACK_MS = 1e3;
var MAX_FATAL_PER_FUNCTION = 2;
var TYPECHECK_LIMIT_MS = 2e4;

export {
  MAX_ELEMENTS,
  MAX_OBJECT_ENTRIES,
  MAX_VALUE_DEPTH,
  MAX_WIRE_DEPTH,
  MAX_OUTPUT_CHARS,
  MAX_FRAME_BYTES,
  MIN_MEMORY_MB,
  RSS_HEADROOM_MB,
  MIN_TIMEOUT_MS,
  SUBMISSION_LIMITS,
  MAX_SANDBOXES_AHEAD,
  ZYGOTE_SLOTS,
  SANDBOX_BOUNDS,
  TRANSPILE_LIMITS,
  FUNCTION_BUDGET_FACTOR,
  FUNCTION_BUDGET_SLACK_MS,
  MAX_FATAL_PER_FUNCTION,
  TYPECHECK_LIMIT_MS
};
