/** The json reporter: exactly one JSON document on stdout, written at the end (strings made safe by ./sanitize.ts). */
import type { ReporterFactory } from "./reporter.js";
import { json } from "./sanitize.js";

/** Prints the whole report as one JSON document at the end. */
export const jsonReporter: ReporterFactory = (out) => ({
  onEnd(report) {
    out.write(`${json(report, 2)}\n`);
  },
});
