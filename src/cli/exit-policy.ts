/**
 * What exit 0 means for `check`. Without `--min-score`, full marks for every selected function (as
 * before); with it, a score at or above the threshold, given in points (`45`) or as a percentage of
 * the maximum (`75%`). Harness faults never get here: they exit 2 whatever the threshold.
 */
import { InvalidArgumentError } from "commander";
import { ExitCode, HarnessError } from "../errors.js";
import type { Report } from "../result.js";

/** A threshold in points or in percent of the maximum score. */
export type MinScore = { points: number } | { percent: number };

/** Parses `--min-score`: a non-negative number of points, or a percentage from 0 to 100 followed by `%`. */
export function parseMinScore(value: string): MinScore {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
  if (!match) throw new InvalidArgumentError("expected points (45) or a percentage of the maximum (75%)");
  const amount = Number(match[1]);
  if (match[2]) {
    if (amount > 100) throw new InvalidArgumentError("a percentage must be at most 100%");
    return { percent: amount };
  }
  return { points: amount };
}

/** The exit code of a completed check. A points threshold above the maximum can never be met: a configuration fault. */
export function exitCodeFor(report: Report, minScore?: MinScore): number {
  if (minScore === undefined) return report.functions.every((f) => f.status === "pass") ? ExitCode.Pass : ExitCode.Shortfall;
  if ("points" in minScore) {
    if (minScore.points > report.maxScore) {
      throw new HarnessError("USAGE", `--min-score ${minScore.points} is above the maximum score of the graded functions (${report.maxScore})`);
    }
    return report.score >= minScore.points ? ExitCode.Pass : ExitCode.Shortfall;
  }
  // score / maxScore ≥ percent / 100, without dividing (no rounding at the boundary)
  return report.score * 100 >= minScore.percent * report.maxScore ? ExitCode.Pass : ExitCode.Shortfall;
}
