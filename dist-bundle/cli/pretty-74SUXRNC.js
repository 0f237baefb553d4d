import {
  STATUS_MARKS,
  caseTitle
} from "./chunk-WFQJ6T5Q.js";
import {
  inline,
  text
} from "./chunk-6SUERUYL.js";

// src/report/pretty.ts
import { Chalk } from "chalk";

// src/report/diff-grid.ts
var GAP = " | ";
var LEGEND = " (* outside the tolerance)";
function formatCell(x, digits, booleans) {
  if (booleans) return x === 1 ? "true" : "false";
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e6) return String(Number(x.toPrecision(digits)));
  return x.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, "e");
}
function digitsFor(slice) {
  for (let digits = 4; digits < 8; digits++) {
    const tells = slice.differs.every(
      (row, r) => row.every((differs, s) => !differs || formatCell(slice.expected[r][s], digits, false) !== formatCell(slice.got[r][s], digits, false))
    );
    if (tells) return digits;
  }
  return 8;
}
function columnsAround(slice, count) {
  const total = slice.expected[0]?.length ?? 0;
  const worst = slice.index[slice.colAxis] - slice.colStart;
  const first = Math.min(Math.max(0, worst - Math.floor((count - 1) / 2)), Math.max(0, total - count));
  return Array.from({ length: Math.min(count, total) }, (_, k) => first + k);
}
function sliceTitle(slice, cols) {
  const rows = slice.expected.length;
  const parts = slice.index.map((i, axis) => {
    if (axis === slice.rowAxis) return `${slice.rowStart}:${slice.rowStart + rows}`;
    if (axis === slice.colAxis) return `${slice.colStart + cols[0]}:${slice.colStart + cols[cols.length - 1] + 1}`;
    return String(i);
  });
  return `${inline(slice.tensor)}[${parts.join(", ")}]`;
}
function titleLine(slice, cols, color, width) {
  let title = `${sliceTitle(slice, cols)}: expected${GAP}got`;
  const legend = color ? "" : LEGEND;
  if (title.length + legend.length <= width) title += legend;
  const names = slice.rowName && slice.colName ? `, ${inline(slice.rowName)} down, ${inline(slice.colName)} across` : "";
  return title.length + names.length <= width ? title + names : title;
}
function renderDiffGrid(slice, c, color, width, indent2) {
  const digits = digitsFor(slice);
  const booleans = slice.booleans === true;
  const cell = (x) => formatCell(x, digits, booleans);
  const all = [...slice.expected.flat(), ...slice.got.flat()].map(cell);
  const cellWidth = Math.max(...all.map((s) => s.length), String(slice.colStart + (slice.expected[0]?.length ?? 1) - 1).length) + 1;
  const labelWidth = String(slice.rowStart + slice.expected.length - 1).length;
  const fits = (count2) => indent2.length + labelWidth + 2 * (1 + count2 * (cellWidth + 1)) + GAP.length <= width;
  let count = slice.expected[0]?.length ?? 0;
  while (count > 1 && !fits(count)) count--;
  const cols = columnsAround(slice, count);
  const pad = (s) => s.padStart(cellWidth);
  const half = (values, r, got) => cols.map((s) => {
    const text2 = pad(cell(values[r][s]));
    if (!got || !slice.differs[r][s]) return `${text2} `;
    return color ? `${c.red.bold(text2)} ` : `${text2}*`;
  }).join("");
  const header = cols.map((s) => `${pad(String(slice.colStart + s))} `).join("");
  const lines = [
    c.dim(titleLine(slice, cols, color, width - indent2.length)),
    c.dim(`${" ".repeat(labelWidth)} ${header}${GAP}${header}`),
    ...slice.expected.map((_, r) => {
      const label = c.dim(String(slice.rowStart + r).padStart(labelWidth));
      return `${label} ${half(slice.expected, r, false)}${c.dim(GAP)}${half(slice.got, r, true)}`;
    })
  ];
  return lines.map((line) => (indent2 + line).trimEnd());
}

// src/report/pretty.ts
var MAX_LISTED = 6;
var MAX_GRIDS = 2;
var NAME_WIDTH = 22;
var DEFAULT_COLUMNS = 80;
var styleOf = (c, options = {}) => ({
  c,
  color: options.color ?? c.level > 0,
  columns: options.columns && options.columns > 0 ? options.columns : DEFAULT_COLUMNS,
  verbose: options.verbose === true
});
function short(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const abs = Math.abs(x);
  return abs >= 1e-3 && abs < 1e6 ? String(Number(x.toPrecision(3))) : x.toExponential(2).replace(/\.?0+e/, "e");
}
function toleranceLine(t) {
  const against = t.ratio <= 1 ? `${short(t.ratio)} of what it allows` : `${short(t.ratio)} times what it allows`;
  return `tolerance rtol ${short(t.rtol)}, atol ${short(t.atol)}: largest error ${short(t.largestError)}, ${against}`;
}
function indent(text2, prefix) {
  return text2.split("\n").map((line) => prefix + line).join("\n");
}
function mark(result, c) {
  const colour = { pass: c.green, fail: c.red, error: c.yellow, "not-implemented": c.dim }[result.status];
  return colour(STATUS_MARKS[result.status]);
}
function caseLines(cases, gradientChecks, style) {
  const { c } = style;
  const failed = cases.filter((x) => x.status !== "pass");
  const groups = [];
  for (const x of failed) {
    const last = groups[groups.length - 1];
    if (last && x.message !== void 0 && last[0].message === x.message) last.push(x);
    else groups.push([x]);
  }
  const lines = [];
  let previousHint;
  let grids = 0;
  const title = (x) => inline(caseTitle(x, gradientChecks));
  for (const [x, ...same] of groups.slice(0, MAX_LISTED)) {
    const tag = x.status === "timeout" ? c.yellow("timeout") : x.status === "error" ? c.yellow("error") : c.red("fail");
    const hidden = x.hidden ? c.dim(" (hidden case)") : "";
    lines.push(`    ${tag} ${title(x)}${hidden} ${c.dim(`0/${x.maxPoints}`)}`);
    if (x.message) lines.push(indent(text(x.message), "      "));
    if (x.location?.frame) lines.push(c.dim(indent(text(x.location.frame), "      ")));
    if (x.diff && !x.hidden && (style.verbose || grids++ < MAX_GRIDS)) lines.push(...renderDiffGrid(x.diff, c, style.color, style.columns, "      "));
    if (style.verbose && x.tolerance) lines.push(c.dim(`      ${toleranceLine(x.tolerance)}`));
    if (x.hint && x.hint !== previousHint) lines.push(c.cyan(indent(`hint: ${text(x.hint)}`, "      ")));
    previousHint = x.hint ?? previousHint;
    if (same.length > 0) {
      const points = same.reduce((sum, y) => sum + y.maxPoints, 0);
      lines.push(c.dim(`      the same for ${same.length} more (0/${points}): ${same.map(title).join("; ")}`));
    }
  }
  const rest = groups.slice(MAX_LISTED).reduce((sum, group) => sum + group.length, 0);
  if (rest > 0) lines.push(c.dim(`    \u2026 and ${rest} more`));
  return lines;
}
function passLines(cases, gradientChecks, style) {
  const { c } = style;
  return cases.filter((x) => x.status === "pass").map((x) => {
    const tolerance = x.tolerance ? `  ${toleranceLine(x.tolerance)}` : "";
    return c.dim(`    pass ${inline(caseTitle(x, gradientChecks))} ${x.points}/${x.maxPoints}${tolerance}`);
  });
}
function renderFunction(result, c, options) {
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
  return `${lines.join("\n")}
`;
}
function typeErrorLines(report, c) {
  const withErrors = report.functions.filter((f) => f.typeErrors?.length);
  if (withErrors.length === 0) return "";
  const lines = ["", c.cyan("Type errors (not scored):")];
  for (const result of withErrors) {
    lines.push(`  ${result.name}`);
    for (const error of result.typeErrors ?? [])
      lines.push(c.cyan(`    ${inline(error.file)}:${error.line}:${error.column} ${inline(error.code)}: ${inline(error.message)}`));
  }
  return `${lines.join("\n")}
`;
}
function renderTotal(report, c) {
  const passing = report.functions.filter((f) => f.status === "pass").length;
  const total = `${report.score}/${report.maxScore}`;
  const all = passing === report.functions.length;
  const summary = `${passing} of ${report.functions.length} functions pass`;
  let raw = report.typecheckUnavailable ? c.yellow(`
  ${inline(report.typecheckUnavailable)}
`) : typeErrorLines(report, c);
  if (report.output) {
    raw += c.dim(`
  written to stdout/stderr directly${report.outputTruncated ? " (truncated)" : ""}:
`);
    raw += `${c.dim(indent(text(report.output.replace(/\n$/, "")), "    | "))}
`;
  }
  const kept = report.functions.filter((f) => f.cached).length;
  if (kept > 0) {
    const which = kept === 1 ? "1 function unchanged since an earlier check was not run again; its result is" : `${kept} functions unchanged since an earlier check were not run again; their results are`;
    raw += c.dim(`
  ${which} that check's (--no-cache runs everything)
`);
  }
  return `${raw}
${c.bold("Total")} ${all ? c.green(total) : c.bold(total)}  ${summary}
`;
}
var prettyReporter = (out, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  return {
    onEvent(event) {
      if (event.type === "start") {
        out.write(c.dim(`convgrade: checking ${inline(event.submission)}/ against ${inline(event.fixtures)}/

`));
      } else {
        out.write(renderFunction(event.result, c, options));
      }
    },
    onEnd(report) {
      out.write(renderTotal(report, c));
    }
  };
};
export {
  DEFAULT_COLUMNS,
  prettyReporter,
  renderFunction,
  renderTotal,
  toleranceLine
};
