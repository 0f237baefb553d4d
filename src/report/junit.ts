/** The junit reporter: JUnit XML for CI systems that show test results; one suite per function. */
import type { CaseResult, FunctionResult } from "../run/result.js";
import type { ReporterFactory } from "./reporter.js";

function escape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function testCase(fn: FunctionResult, c: CaseResult, prefix: string): string {
  const open = `    <testcase classname="${escape(fn.name)}" name="${escape(prefix + c.name)}">`;
  if (c.status === "pass") return `${open}</testcase>`;
  const tag = c.status === "fail" ? "failure" : "error";
  const message = escape(c.message ?? c.status);
  return `${open}\n      <${tag} message="${message}" type="${c.status}">${message}</${tag}>\n    </testcase>`;
}

/** Prints JUnit XML at the end. */
export const junitReporter: ReporterFactory = (out) => ({
  onEnd(report) {
    const suites = report.functions.map((fn) => {
      const all = [...fn.cases.map((c) => testCase(fn, c, "")), ...fn.gradientChecks.map((c) => testCase(fn, c, "gradient check: "))];
      const cases = [...fn.cases, ...fn.gradientChecks];
      const failures = cases.filter((c) => c.status === "fail").length;
      const errors = cases.length - failures - cases.filter((c) => c.status === "pass").length;
      return (
        `  <testsuite name="${escape(fn.name)}" tests="${cases.length}" failures="${failures}" errors="${errors}">\n` +
        `    <properties><property name="score" value="${fn.score}"/><property name="maxScore" value="${fn.maxScore}"/></properties>\n` +
        `${all.join("\n")}\n  </testsuite>`
      );
    });
    out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="convgrade" tests="${report.functions.length}">\n${suites.join("\n")}\n</testsuites>\n`);
  },
});
