import {
  caseTitle
} from "./chunk-WFQJ6T5Q.js";
import {
  xmlAttribute,
  xmlText
} from "./chunk-6SUERUYL.js";

// src/report/junit.ts
var seconds = (ms) => (Math.max(0, ms) / 1e3).toFixed(3);
function testCase(fn, c, gradientCheck) {
  const open = `    <testcase classname="${xmlAttribute(fn.name)}" name="${xmlAttribute(caseTitle(c, gradientCheck))}">`;
  if (c.status === "pass") return `${open}</testcase>`;
  const tag = c.status === "fail" ? "failure" : "error";
  const message = c.message ?? c.status;
  return `${open}
      <${tag} message="${xmlAttribute(message)}" type="${c.status}">${xmlText(message)}</${tag}>
    </testcase>`;
}
function counts(cases) {
  const failures = cases.filter((c) => c.status === "fail").length;
  const errors = cases.filter((c) => c.status === "error" || c.status === "timeout").length;
  return { tests: cases.length, failures, errors, skipped: 0 };
}
var countAttributes = ({ tests, failures, errors }) => `tests="${tests}" failures="${failures}" errors="${errors}"`;
function suite(fn) {
  const all = [...fn.cases.map((c) => [c, false]), ...fn.gradientChecks.map((c) => [c, true])];
  const n = counts(all.map(([c]) => c));
  const properties = [
    `<property name="score" value="${fn.score}"/>`,
    `<property name="maxScore" value="${fn.maxScore}"/>`,
    `<property name="status" value="${fn.status}"/>`,
    ...all.map(([c, gc]) => `<property name="${xmlAttribute(`points: ${caseTitle(c, gc)}`)}" value="${c.points}/${c.maxPoints}"/>`)
  ];
  return `  <testsuite name="${xmlAttribute(fn.name)}" ${countAttributes(n)} skipped="${n.skipped}" time="${seconds(fn.durationMs)}" file="${xmlAttribute(fn.file)}">
    <properties>
${properties.map((p) => `      ${p}`).join("\n")}
    </properties>
${all.map(([c, gc]) => testCase(fn, c, gc)).join("\n")}
  </testsuite>`;
}
var junitReporter = (out) => ({
  onEnd(report) {
    const total = counts(report.functions.flatMap((fn) => [...fn.cases, ...fn.gradientChecks]));
    out.write(
      `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="convgrade" ${countAttributes(total)} time="${seconds(report.durationMs)}">
${report.functions.map(suite).join("\n")}
</testsuites>
`
    );
  }
});
export {
  junitReporter
};
