/** The json reporter: exactly one JSON document on stdout, written at the end. */
import type { ReporterFactory } from "./reporter.js";

/** Prints the whole report as one JSON document at the end. */
export const jsonReporter: ReporterFactory = (out) => ({
  onEnd(report) {
    out.write(JSON.stringify(report, null, 2) + "\n");
  },
});
