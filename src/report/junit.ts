/**
 * The junit reporter: JUnit XML for CI systems that show test results; one suite per function.
 * Every string from a result passes through `xmlAttribute` or `xmlText` (./sanitize.ts).
 */
import type { CaseResult, FunctionResult } from "../run/result.js";
import type { ReporterFactory } from "./reporter.js";
import { xmlAttribute as attr, xmlText } from "./sanitize.js";

function testCase(fn: FunctionResult, c: CaseResult, prefix: string): string {
  const open = `    <testcase classname="${attr(fn.name)}" name="${attr(prefix + c.name)}">`;
  if (c.status === "pass") return `${open}</testcase>`;
  const tag = c.status === "fail" ? "failure" : "error";
  const message = c.message ?? c.status;
  return `${open}\n      <${tag} message="${attr(message)}" type="${c.status}">${xmlText(message)}</${tag}>\n    </testcase>`;
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
        `  <testsuite name="${attr(fn.name)}" tests="${cases.length}" failures="${failures}" errors="${errors}">\n` +
        `    <properties><property name="score" value="${fn.score}"/><property name="maxScore" value="${fn.maxScore}"/></properties>\n` +
        `${all.join("\n")}\n  </testsuite>`
      );
    });
    out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="convgrade" tests="${report.functions.length}">\n${suites.join("\n")}\n</testsuites>\n`);
  },
});
