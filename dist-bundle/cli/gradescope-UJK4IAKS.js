import {
  caseTitle
} from "./chunk-WFQJ6T5Q.js";
import {
  json,
  text
} from "./chunk-6SUERUYL.js";

// src/report/gradescope.ts
function caseOutput(c) {
  if (c.hidden || c.status === "pass") return void 0;
  const parts = [c.message ?? c.status, c.location?.frame, c.hint ? `hint: ${c.hint}` : void 0].filter((p) => p !== void 0);
  return text(parts.join("\n"));
}
function test(fn, c, gradientCheck) {
  const output = caseOutput(c);
  return {
    name: `${fn.name}: ${text(caseTitle(c, gradientCheck))}`,
    score: c.points,
    max_score: c.maxPoints,
    status: c.status === "pass" ? "passed" : "failed",
    ...output !== void 0 ? { output } : {},
    output_format: "text",
    visibility: c.hidden ? "after_published" : "visible"
  };
}
function overall(report) {
  const lines = report.functions.map((fn) => `${fn.name}: ${fn.status} ${fn.score}/${fn.maxScore}${fn.message ? `
  ${fn.message}` : ""}`);
  lines.push(`Total ${report.score}/${report.maxScore}`);
  for (const fn of report.functions) if (fn.output) lines.push(`
What ${fn.name} printed:
${fn.output}`);
  if (report.output) lines.push(`
Printed outside any function:
${report.output}`);
  return text(lines.join("\n"));
}
function gradescopeResults(report) {
  return {
    score: report.score,
    execution_time: report.durationMs / 1e3,
    output: overall(report),
    output_format: "text",
    tests: report.functions.flatMap((fn) => [...fn.cases.map((c) => test(fn, c, false)), ...fn.gradientChecks.map((c) => test(fn, c, true))])
  };
}
var gradescopeReporter = (out) => ({
  onEnd(report) {
    out.write(`${json(gradescopeResults(report), 2)}
`);
  }
});
export {
  gradescopeReporter,
  gradescopeResults
};
