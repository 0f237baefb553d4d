/**
 * The junit reporter: JUnit XML for CI systems that show test results; one suite per function.
 * Every string from a result passes through `xmlAttribute` or `xmlText` (./sanitize.ts).
 */
import type { CaseResult, FunctionResult } from "../result.js";
import type { ReporterFactory } from "./reporter.js";
import { xmlAttribute as attr, xmlText } from "./sanitize.js";
import { caseTitle } from "./title.js";

function testCase(fn: FunctionResult, c: CaseResult, gradientCheck: boolean): string {
  const open = `    <testcase classname="${attr(fn.name)}" name="${attr(caseTitle(c, gradientCheck))}">`;
  if (c.status === "pass") return `${open}</testcase>`;
  const tag = c.status === "fail" ? "failure" : "error";
  const message = c.message ?? c.status;
  return `${open}\n      <${tag} message="${attr(message)}" type="${c.status}">${xmlText(message)}</${tag}>\n    </testcase>`;
}

/** Tests, failures (wrong answers) and errors (threw, timed out, not run) among cases. */
function counts(cases: readonly CaseResult[]): { tests: number; failures: number; errors: number } {
  const failures = cases.filter((c) => c.status === "fail").length;
  return { tests: cases.length, failures, errors: cases.length - failures - cases.filter((c) => c.status === "pass").length };
}

const countAttributes = ({ tests, failures, errors }: ReturnType<typeof counts>) => `tests="${tests}" failures="${failures}" errors="${errors}"`;

/** Prints JUnit XML at the end. */
export const junitReporter: ReporterFactory = (out) => ({
  onEnd(report) {
    const suites = report.functions.map((fn) => {
      const all = [...fn.cases.map((c) => testCase(fn, c, false)), ...fn.gradientChecks.map((c) => testCase(fn, c, true))];
      return (
        `  <testsuite name="${attr(fn.name)}" ${countAttributes(counts([...fn.cases, ...fn.gradientChecks]))}>\n` +
        `    <properties><property name="score" value="${fn.score}"/><property name="maxScore" value="${fn.maxScore}"/></properties>\n` +
        `${all.join("\n")}\n  </testsuite>`
      );
    });
    // The root counts tests, as JUnit readers expect, not suites.
    const total = counts(report.functions.flatMap((fn) => [...fn.cases, ...fn.gradientChecks]));
    out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="convgrade" ${countAttributes(total)}>\n${suites.join("\n")}\n</testsuites>\n`);
  },
});
