/** Defaults of `convgrade check`, shared by the early start and the full CLI. */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

export const DEFAULT_DIR = "exercises";
export const DEFAULT_TIMEOUT_MS = 2500;
export const DEFAULT_MEMORY_MB = 256;
/** The fixtures shipped with the package. */
export const PACKAGE_FIXTURES = fileURLToPath(new URL("../../fixtures", import.meta.url));
/** Sandboxes grading in parallel: one per core, at most two (more only adds start-up cost). */
export const DEFAULT_JOBS = Math.max(1, Math.min(2, availableParallelism()));
