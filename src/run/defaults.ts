/** Defaults of `convgrade check`, shared by the early start and the full CLI. */
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
 * Sandboxes grading in parallel. One by default: on two cores a second sandbox's start-up costs
 * more than it saves (measured with npm run bench); more help only with many cores or slow code.
 */
export const DEFAULT_JOBS = 1;
