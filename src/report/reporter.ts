/** The reporter plug-in interface: optional hooks over the same result objects. */
import type { CheckEvent, Report } from "../result.js";

/** Where a reporter writes. */
export interface Output {
  write(text: string): void;
}

/** Settings chosen by the CLI. */
export interface ReporterOptions {
  color: boolean;
}

/** A reporter: hooks called as the run goes, and once at the end. */
export interface Reporter {
  onEvent?(event: CheckEvent): void;
  onEnd(report: Report): void;
}

/** Makes a reporter writing to the given output. */
export type ReporterFactory = (out: Output, options: ReporterOptions) => Reporter;
