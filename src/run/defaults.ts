/** Defaults of `convgrade check`, shared by the early start and the full CLI. */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

/** The submission folder when --dir is not given. */
export const DEFAULT_DIR = "exercises";
/** Time limit per case, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 2500;
/** V8 heap limit of the sandbox, in MiB. */
export const DEFAULT_MEMORY_MB = 256;
/** The fixtures shipped with the package. */
export const PACKAGE_FIXTURES = fileURLToPath(new URL("../../fixtures", import.meta.url));
/**
 * Functions graded in parallel, each in a sandbox of its own: one per core, four at most. Every
 * function's sandbox is started (forked) at the start of the check whatever this is, so a second
 * queue costs no start-up (npm run bench: 868 ms against 942 with one, on two cores); past four,
 * eight functions gain little.
 */
export const DEFAULT_JOBS = Math.max(1, Math.min(availableParallelism(), 4));
