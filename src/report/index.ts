/** Reporters by name. Each is loaded only when chosen. */
import type { ReporterFactory } from "./reporter.js";

/** Reporter factories by name, loaded on demand. */
export const REPORTERS: Record<string, () => Promise<ReporterFactory>> = {
  pretty: async () => (await import("./pretty.js")).prettyReporter,
  json: async () => (await import("./json.js")).jsonReporter,
  junit: async () => (await import("./junit.js")).junitReporter,
  github: async () => (await import("./github.js")).githubReporter,
  gradescope: async () => (await import("./gradescope.js")).gradescopeReporter,
  classroom: async () => (await import("./classroom.js")).classroomReporter,
};

/**
 * Where a reporter given without a path writes: stdout, except those named here, which append to
 * the file this environment variable names (GitHub Classroom's reporter reads a step output).
 */
export const DEFAULT_DESTINATIONS: Readonly<Record<string, { env: string }>> = {
  classroom: { env: "GITHUB_OUTPUT" },
};

export type { Output, Reporter, ReporterFactory, ReporterOptions } from "./reporter.js";
