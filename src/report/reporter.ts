/** The reporter plug-in interface: optional hooks over the same result objects. */
import type { CheckEvent, Report } from "../result.js";

/** Where a reporter writes. */
export interface Output {
  write(text: string): void;
}

/** Settings chosen by the CLI. */
export interface ReporterOptions {
  color: boolean;
  /**
   * Where `out` goes: stdout, a file named on the command line, or a GitHub Actions step-output file
   * (`$GITHUB_OUTPUT`, for reporters whose default destination it is: see DEFAULT_DESTINATIONS).
   */
  target?: "stdout" | "file" | "github-output";
  /** GitHub Actions' job summary (`$GITHUB_STEP_SUMMARY`, appended to), when the CLI found one */
  stepSummary?: Output;
  /** the terminal's width, for reporters that fit their output to it (80 when not a terminal) */
  columns?: number;
  /** show every case with the tolerance used and the largest error against it */
  verbose?: boolean;
}

/** A reporter: hooks called as the run goes, and once at the end. */
export interface Reporter {
  onEvent?(event: CheckEvent): void;
  onEnd(report: Report): void;
}

/** Makes a reporter writing to the given output. */
export type ReporterFactory = (out: Output, options: ReporterOptions) => Reporter;
