/** Defaults of `convgrade check`, shared by the early start and the full CLI. */
import { fileURLToPath } from "node:url";

export const DEFAULT_DIR = "exercises";
export const DEFAULT_TIMEOUT_MS = 2500;
export const DEFAULT_MEMORY_MB = 256;
/** The fixtures shipped with the package. */
export const PACKAGE_FIXTURES = fileURLToPath(new URL("../../fixtures", import.meta.url));
/**
 * Sandboxes grading in parallel. One by default: on two cores a second sandbox's start-up costs
 * more than it saves (measured with npm run bench); more help only with many cores or slow code.
 */
export const DEFAULT_JOBS = 1;
