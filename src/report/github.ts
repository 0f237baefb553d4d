/**
 * The github reporter: GitHub Actions workflow commands. One line per function, and for each function
 * that falls short an `::error file=…,line=…,title=…::…` annotation on the learner's file: at the line
 * that threw or would not load, else at the export. With a job summary (`$GITHUB_STEP_SUMMARY`, opened
 * by the CLI), a Markdown table of the results is appended to it.
 *
 * Learner text reaches the log only inside a command's data or properties, escaped as the Actions
 * toolkit does (`githubData`, `githubProperty`), and the summary only through `markdownCell`.
 */
import type { CaseResult, FunctionResult, Report, SourceLocation } from "../result.js";
import type { ReporterFactory } from "./reporter.js";
import { githubData, githubProperty, inline, markdownCell } from "./sanitize.js";
import { caseTitle } from "./title.js";

/** Failed cases named in one annotation before the rest are counted. */
const MAX_NAMED = 3;
/** Characters of a case message in an annotation (GitHub shows annotations in a small box). */
const MAX_MESSAGE = 600;

const MARKS: Record<FunctionResult["status"], string> = { pass: "✓", fail: "✗", error: "!", "not-implemented": "○" };
const WORDS: Record<FunctionResult["status"], string> = { pass: "pass", fail: "fail", error: "could not be graded", "not-implemented": "not implemented" };

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max)}…` : value);

function failed(fn: FunctionResult): [CaseResult, boolean][] {
  return [...fn.cases.map((c) => [c, false] as [CaseResult, boolean]), ...fn.gradientChecks.map((c) => [c, true] as [CaseResult, boolean])].filter(
    ([c]) => c.status !== "pass",
  );
}

/** Where the annotation goes: the function's own location (a load failure), the first visible throw, else the export. */
function where(fn: FunctionResult): { file: string; line?: number } {
  const thrown: SourceLocation | undefined = fn.location ?? failed(fn).find(([c]) => !c.hidden && c.location)?.[0].location;
  if (thrown) return { file: thrown.file, line: thrown.line };
  return { file: fn.file, line: fn.exportLine };
}

function annotation(fn: FunctionResult): string {
  const bad = failed(fn);
  const lines: string[] = [];
  if (fn.message) lines.push(clip(fn.message, MAX_MESSAGE));
  for (const [c, gc] of bad.slice(0, MAX_NAMED)) {
    const head = `${c.status} ${caseTitle(c, gc)}${c.hidden ? " (hidden case)" : ""} 0/${c.maxPoints}`;
    lines.push(c.message && !fn.message ? `${head}: ${clip(c.message, MAX_MESSAGE)}` : head);
  }
  if (bad.length > MAX_NAMED) lines.push(`and ${bad.length - MAX_NAMED} more`);
  const { file, line } = where(fn);
  const title = `${fn.name} ${fn.score}/${fn.maxScore}: ${WORDS[fn.status]}`;
  const properties = [`file=${githubProperty(file)}`, ...(line !== undefined ? [`line=${line}`] : []), `title=${githubProperty(title)}`];
  return `::error ${properties.join(",")}::${githubData(lines.join("\n"))}`;
}

function summary(report: Report): string {
  const rows = report.functions.map((fn) => {
    const bad = failed(fn);
    const first = bad[0];
    const note = fn.message ?? (first ? `${caseTitle(first[0], first[1])}${first[0].message ? `: ${clip(first[0].message, 200)}` : ""}` : "");
    const more = bad.length > 1 ? ` (and ${bad.length - 1} more)` : "";
    return `| ${MARKS[fn.status]} ${markdownCell(fn.name)} | ${WORDS[fn.status]} | ${fn.score}/${fn.maxScore} | ${markdownCell(note)}${more} |`;
  });
  return [
    "### convgrade",
    "",
    "| function | status | points | first problem |",
    "|---|---|---|---|",
    ...rows,
    `| **total** | ${report.functions.filter((f) => f.status === "pass").length} of ${report.functions.length} pass | **${report.score}/${report.maxScore}** | |`,
    "",
  ].join("\n");
}

/** Prints a line per function and an annotation per function that falls short; appends the job summary. */
export const githubReporter: ReporterFactory = (out, options) => ({
  onEnd(report) {
    const lines: string[] = [];
    for (const fn of report.functions) {
      // `inline` also breaks a `::` a function name could never hold anyway: nothing here starts a command.
      lines.push(`${MARKS[fn.status]} ${inline(fn.name)} ${fn.score}/${fn.maxScore}`);
      if (fn.status !== "pass") lines.push(annotation(fn));
    }
    lines.push(`Total ${report.score}/${report.maxScore}`);
    out.write(`${lines.join("\n")}\n`);
    options.stepSummary?.write(`${summary(report)}\n`);
  },
});
