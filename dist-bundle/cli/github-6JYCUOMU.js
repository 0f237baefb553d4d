import {
  caseTitle
} from "./chunk-WFQJ6T5Q.js";
import {
  githubData,
  githubProperty,
  inline,
  markdownCell
} from "./chunk-6SUERUYL.js";

// src/report/github.ts
var MAX_NAMED = 3;
var MAX_MESSAGE = 600;
var MARKS = { pass: "\u2713", fail: "\u2717", error: "!", "not-implemented": "\u25CB" };
var WORDS = { pass: "pass", fail: "fail", error: "could not be graded", "not-implemented": "not implemented" };
var clip = (value, max) => value.length > max ? `${value.slice(0, max)}\u2026` : value;
function failed(fn) {
  return [...fn.cases.map((c) => [c, false]), ...fn.gradientChecks.map((c) => [c, true])].filter(
    ([c]) => c.status !== "pass"
  );
}
function where(fn) {
  const thrown = fn.location ?? failed(fn).find(([c]) => !c.hidden && c.location)?.[0].location;
  if (thrown) return { file: thrown.file, line: thrown.line };
  return { file: fn.file, line: fn.exportLine };
}
function annotation(fn) {
  const bad = failed(fn);
  const lines = [];
  if (fn.message) lines.push(clip(fn.message, MAX_MESSAGE));
  for (const [c, gc] of bad.slice(0, MAX_NAMED)) {
    const head = `${c.status} ${caseTitle(c, gc)}${c.hidden ? " (hidden case)" : ""} 0/${c.maxPoints}`;
    lines.push(c.message && !fn.message ? `${head}: ${clip(c.message, MAX_MESSAGE)}` : head);
  }
  if (bad.length > MAX_NAMED) lines.push(`and ${bad.length - MAX_NAMED} more`);
  const { file, line } = where(fn);
  const title = `${fn.name} ${fn.score}/${fn.maxScore}: ${WORDS[fn.status]}`;
  const properties = [`file=${githubProperty(file)}`, ...line !== void 0 ? [`line=${line}`] : [], `title=${githubProperty(title)}`];
  return `::error ${properties.join(",")}::${githubData(lines.join("\n"))}`;
}
function summary(report) {
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
    ""
  ].join("\n");
}
var githubReporter = (out, options) => ({
  onEnd(report) {
    const lines = [];
    for (const fn of report.functions) {
      lines.push(`${MARKS[fn.status]} ${inline(fn.name)} ${fn.score}/${fn.maxScore}`);
      if (fn.status !== "pass") lines.push(annotation(fn));
    }
    lines.push(`Total ${report.score}/${report.maxScore}`);
    out.write(`${lines.join("\n")}
`);
    options.stepSummary?.write(`${summary(report)}
`);
  }
});
export {
  githubReporter
};
