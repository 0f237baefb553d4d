/**
 * The pretty reporter: one line per function as it is graded, failed cases under it, then the total.
 * Every string from a result passes through `text` or `inline` (./sanitize.ts) before colour is added.
 */
import { Chalk, type ChalkInstance } from "chalk";
import type { CaseResult, FunctionResult, Report, ToleranceUsed } from "../result.js";
import { renderDiffGrid } from "./diff-grid.js";
import type { ReporterFactory, ReporterOptions } from "./reporter.js";
import { inline, text } from "./sanitize.js";
import { caseTitle, STATUS_MARKS } from "./title.js";

/** Failed cases listed per function before the rest are summarised. */
const MAX_LISTED = 6;
/** Failed cases per function drawn as a visual diff (every listed one with --verbose). */
const MAX_GRIDS = 2;
const NAME_WIDTH = 22;
/** The width assumed when the output is not a terminal. */
export const DEFAULT_COLUMNS = 80;

/** How a block is drawn: colours, the terminal's width, verbosity. */
interface Style {
  c: ChalkInstance;
  color: boolean;
  columns: number;
  verbose: boolean;
}

const styleOf = (c: ChalkInstance, options: Partial<ReporterOptions> = {}): Style => ({
  c,
  color: options.color ?? c.level > 0,
  columns: options.columns && options.columns > 0 ? options.columns : DEFAULT_COLUMNS,
  verbose: options.verbose === true,
});

/** A number for the tolerance line: 3 significant digits. */
function short(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const abs = Math.abs(x);
  return abs >= 1e-3 && abs < 1e6 ? String(Number(x.toPrecision(3))) : x.toExponential(2).replace(/\.?0+e/, "e");
}

/** "tolerance rtol 1e-5, atol 1e-8: largest error 3.55e-15, 2.6e-10 of what it allows" (for --verbose). */
export function toleranceLine(t: ToleranceUsed): string {
  const against = t.ratio <= 1 ? `${short(t.ratio)} of what it allows` : `${short(t.ratio)} times what it allows`;
  return `tolerance rtol ${short(t.rtol)}, atol ${short(t.atol)}: largest error ${short(t.largestError)}, ${against}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

function mark(result: FunctionResult, c: ChalkInstance): string {
  const colour = { pass: c.green, fail: c.red, error: c.yellow, "not-implemented": c.dim }[result.status];
  return colour(STATUS_MARKS[result.status]);
}

function caseLines(cases: CaseResult[], gradientChecks: boolean, style: Style): string[] {
  const { c } = style;
  const failed = cases.filter((x) => x.status !== "pass");
  // Consecutive cases failing with the same message are shown once, with the others named after it.
  const groups: CaseResult[][] = [];
  for (const x of failed) {
    const last = groups[groups.length - 1];
    if (last && x.message !== undefined && last[0].message === x.message) last.push(x);
    else groups.push([x]);
  }
  const lines: string[] = [];
  let previousHint: string | undefined;
  let grids = 0;
  const title = (x: CaseResult) => inline(caseTitle(x, gradientChecks));
  for (const [x, ...same] of groups.slice(0, MAX_LISTED)) {
    const tag = x.status === "timeout" ? c.yellow("timeout") : x.status === "error" ? c.yellow("error") : c.red("fail");
    const hidden = x.hidden ? c.dim(" (hidden case)") : "";
    lines.push(`    ${tag} ${title(x)}${hidden} ${c.dim(`0/${x.maxPoints}`)}`);
    if (x.message) lines.push(indent(text(x.message), "      "));
    if (x.location?.frame) lines.push(c.dim(indent(text(x.location.frame), "      ")));
    if (x.diff && !x.hidden && (style.verbose || grids++ < MAX_GRIDS)) lines.push(...renderDiffGrid(x.diff, c, style.color, style.columns, "      "));
    if (style.verbose && x.tolerance) lines.push(c.dim(`      ${toleranceLine(x.tolerance)}`));
    // One hint per function is enough when its cases share it.
    if (x.hint && x.hint !== previousHint) lines.push(c.cyan(indent(`hint: ${text(x.hint)}`, "      ")));
    previousHint = x.hint ?? previousHint;
    if (same.length > 0) {
      const points = same.reduce((sum, y) => sum + y.maxPoints, 0);
      lines.push(c.dim(`      the same for ${same.length} more (0/${points}): ${same.map(title).join("; ")}`));
    }
  }
  const rest = groups.slice(MAX_LISTED).reduce((sum, group) => sum + group.length, 0);
  if (rest > 0) lines.push(c.dim(`    … and ${rest} more`));
  return lines;
}

/** --verbose: every passing case with its tolerance and largest error. */
function passLines(cases: CaseResult[], gradientChecks: boolean, style: Style): string[] {
  const { c } = style;
  return cases
    .filter((x) => x.status === "pass")
    .map((x) => {
      const tolerance = x.tolerance ? `  ${toleranceLine(x.tolerance)}` : "";
      return c.dim(`    pass ${inline(caseTitle(x, gradientChecks))} ${x.points}/${x.maxPoints}${tolerance}`);
    });
}

/** Renders one function's block. */
export function renderFunction(result: FunctionResult, c: ChalkInstance, options?: Partial<ReporterOptions>): string {
  const style = styleOf(c, options);
  const points = `${result.score}/${result.maxScore}`;
  const head = `${mark(result, c)} ${result.name.padEnd(NAME_WIDTH)} ${points.padStart(7)}`;
  const lines = [result.cached ? `${head}${c.dim("  (unchanged)")}` : head];
  if (result.status === "not-implemented") {
    lines[0] += c.dim(`  not implemented yet (${inline(result.file)})`);
  } else if (result.status === "error") {
    lines[0] += c.yellow("  could not be graded");
    if (result.message) lines.push(indent(text(result.message), "    "));
    if (result.location?.frame) lines.push(c.dim(indent(text(result.location.frame), "    ")));
  } else if (result.status === "fail") {
    lines.push(...caseLines(result.cases, false, style), ...caseLines(result.gradientChecks, true, style));
  }
  if (style.verbose && (result.status === "pass" || result.status === "fail")) {
    lines.push(...passLines(result.cases, false, style), ...passLines(result.gradientChecks, true, style));
  }
  if (result.output) {
    lines.push(c.dim(`    output${result.outputTruncated ? " (truncated)" : ""}:`));
    lines.push(c.dim(indent(text(result.output.replace(/\n$/, "")), "    | ")));
  }
  return `${lines.join("\n")}\n`;
}

/** The type errors --typecheck found, by function; they are not scored. */
function typeErrorLines(report: Report, c: ChalkInstance): string {
  const withErrors = report.functions.filter((f) => f.typeErrors?.length);
  if (withErrors.length === 0) return "";
  const lines = ["", c.cyan("Type errors (not scored):")];
  for (const result of withErrors) {
    lines.push(`  ${result.name}`);
    for (const error of result.typeErrors ?? [])
      lines.push(c.cyan(`    ${inline(error.file)}:${error.line}:${error.column} ${inline(error.code)}: ${inline(error.message)}`));
  }
  return `${lines.join("\n")}\n`;
}

/** Renders the closing total. */
export function renderTotal(report: Report, c: ChalkInstance): string {
  const passing = report.functions.filter((f) => f.status === "pass").length;
  const total = `${report.score}/${report.maxScore}`;
  const all = passing === report.functions.length;
  const summary = `${passing} of ${report.functions.length} functions pass`;
  // Type errors come last: the compiler finishes after the functions are shown.
  let raw = report.typecheckUnavailable ? c.yellow(`\n  ${inline(report.typecheckUnavailable)}\n`) : typeErrorLines(report, c);
  if (report.output) {
    raw += c.dim(`\n  written to stdout/stderr directly${report.outputTruncated ? " (truncated)" : ""}:\n`);
    raw += `${c.dim(indent(text(report.output.replace(/\n$/, "")), "    | "))}\n`;
  }
  const kept = report.functions.filter((f) => f.cached).length;
  if (kept > 0) {
    const which =
      kept === 1
        ? "1 function unchanged since an earlier check was not run again; its result is"
        : `${kept} functions unchanged since an earlier check were not run again; their results are`;
    raw += c.dim(`\n  ${which} that check's (--no-cache runs everything)\n`);
  }
  return `${raw}\n${c.bold("Total")} ${all ? c.green(total) : c.bold(total)}  ${summary}\n`;
}

/** Prints each function as it is graded, in course order, then the total. */
export const prettyReporter: ReporterFactory = (out, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  return {
    onEvent(event) {
      if (event.type === "start") {
        out.write(c.dim(`convgrade: checking ${inline(event.submission)}/ against ${inline(event.fixtures)}/\n\n`));
      } else {
        out.write(renderFunction(event.result, c, options));
      }
    },
    onEnd(report) {
      out.write(renderTotal(report, c));
    },
  };
};
