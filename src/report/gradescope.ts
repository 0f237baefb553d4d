/**
 * The gradescope reporter: `results.json` as Gradescope's autograder specification describes it
 * (gradescope-autograders.readthedocs.io, "Autograder Specifications" → "Output format"): `score`,
 * `execution_time` (seconds), `output`, and one entry of `tests[]` per case and gradient check with
 * `name`, `score`, `max_score`, `status` ("passed" or "failed"), `output` and `visibility`. Hidden
 * cases are `after_published`: students see them once the instructor publishes the grades, and even
 * then only their name and points, as in every reporter. Text is plain (`output_format: "text"`).
 */
import type { CaseResult, FunctionResult, Report } from "../result.js";
import type { ReporterFactory } from "./reporter.js";
import { json, text } from "./sanitize.js";
import { caseTitle } from "./title.js";

interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  output?: string;
  output_format: "text";
  visibility: "visible" | "after_published";
}

function caseOutput(c: CaseResult): string | undefined {
  if (c.hidden || c.status === "pass") return undefined;
  const parts = [c.message ?? c.status, c.location?.frame, c.hint ? `hint: ${c.hint}` : undefined].filter((p): p is string => p !== undefined);
  return text(parts.join("\n"));
}

function test(fn: FunctionResult, c: CaseResult, gradientCheck: boolean): GradescopeTest {
  const output = caseOutput(c);
  return {
    name: `${fn.name}: ${text(caseTitle(c, gradientCheck))}`,
    score: c.points,
    max_score: c.maxPoints,
    status: c.status === "pass" ? "passed" : "failed",
    ...(output !== undefined ? { output } : {}),
    output_format: "text",
    visibility: c.hidden ? "after_published" : "visible",
  };
}

/** The submission-wide output: a line per function, why one could not be graded, and what the code printed. */
function overall(report: Report): string {
  const lines = report.functions.map((fn) => `${fn.name}: ${fn.status} ${fn.score}/${fn.maxScore}${fn.message ? `\n  ${fn.message}` : ""}`);
  lines.push(`Total ${report.score}/${report.maxScore}`);
  for (const fn of report.functions) if (fn.output) lines.push(`\nWhat ${fn.name} printed:\n${fn.output}`);
  if (report.output) lines.push(`\nPrinted outside any function:\n${report.output}`);
  return text(lines.join("\n"));
}

/** The results.json document. */
export function gradescopeResults(report: Report) {
  return {
    score: report.score,
    execution_time: report.durationMs / 1000,
    output: overall(report),
    output_format: "text",
    tests: report.functions.flatMap((fn) => [...fn.cases.map((c) => test(fn, c, false)), ...fn.gradientChecks.map((c) => test(fn, c, true))]),
  };
}

/** Writes results.json at the end. */
export const gradescopeReporter: ReporterFactory = (out) => ({
  onEnd(report) {
    out.write(`${json(gradescopeResults(report), 2)}\n`);
  },
});
