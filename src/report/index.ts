/** Reporters by name. Each is loaded only when chosen. */
import type { ReporterFactory } from "./reporter.js";

/** Reporter factories by name, loaded on demand. */
export const REPORTERS: Record<string, () => Promise<ReporterFactory>> = {
  pretty: async () => (await import("./pretty.js")).prettyReporter,
  json: async () => (await import("./json.js")).jsonReporter,
  junit: async () => (await import("./junit.js")).junitReporter,
};

export type { Output, Reporter, ReporterFactory, ReporterOptions } from "./reporter.js";
