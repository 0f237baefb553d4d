/** The json reporter: exactly one JSON document on stdout, written at the end. */
import type { ReporterFactory } from "./reporter.js";

export const jsonReporter: ReporterFactory = (out) => ({
  onEnd(report) {
    out.write(JSON.stringify(report, null, 2) + "\n");
  },
});
