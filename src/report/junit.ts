/**
 * The junit reporter: JUnit XML for CI systems that show test results; one suite per function, one
 * test case per case and per gradient check. It follows the common JUnit schema (Jenkins' junit-10.xsd,
 * which GitLab, Azure and the JUnit-reading actions accept): `testsuites` > `testsuite` (`properties`,
 * then `testcase`s) > `failure` | `error`; tests/failures/errors/skipped/time counted from the
 * cases. Points are properties of each suite: `score`, `maxScore` and `points: <case>` = `x/y`.
 * Every string from a result passes through `xmlAttribute` or `xmlText` (./sanitize.ts).
 */
import type { CaseResult, FunctionResult } from "../result.js";
import type { ReporterFactory } from "./reporter.js";
import { xmlAttribute as attr, xmlText } from "./sanitize.js";
import { caseTitle } from "./title.js";

/** Seconds as the schema's time type wants them: digits, a point, digits. */
const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

function testCase(fn: FunctionResult, c: CaseResult, gradientCheck: boolean): string {
  const open = `    <testcase classname="${attr(fn.name)}" name="${attr(caseTitle(c, gradientCheck))}">`;
  if (c.status === "pass") return `${open}</testcase>`;
  // A wrong answer is a failure; a throw, a time-out or a case not run (it costs its points) an error.
  const tag = c.status === "fail" ? "failure" : "error";
  const message = c.message ?? c.status;
  return `${open}\n      <${tag} message="${attr(message)}" type="${c.status}">${xmlText(message)}</${tag}>\n    </testcase>`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  /** convgrade skips no selected case: one it could not run still costs its points, so it is an error */
  skipped: number;
}

function counts(cases: readonly CaseResult[]): Counts {
  const failures = cases.filter((c) => c.status === "fail").length;
  const errors = cases.filter((c) => c.status === "error" || c.status === "timeout").length;
  return { tests: cases.length, failures, errors, skipped: 0 };
}

const countAttributes = ({ tests, failures, errors }: Counts) => `tests="${tests}" failures="${failures}" errors="${errors}"`;

function suite(fn: FunctionResult): string {
  const all = [...fn.cases.map((c) => [c, false] as const), ...fn.gradientChecks.map((c) => [c, true] as const)];
  const n = counts(all.map(([c]) => c));
  const properties = [
    `<property name="score" value="${fn.score}"/>`,
    `<property name="maxScore" value="${fn.maxScore}"/>`,
    `<property name="status" value="${fn.status}"/>`,
    ...all.map(([c, gc]) => `<property name="${attr(`points: ${caseTitle(c, gc)}`)}" value="${c.points}/${c.maxPoints}"/>`),
  ];
  return (
    `  <testsuite name="${attr(fn.name)}" ${countAttributes(n)} skipped="${n.skipped}" time="${seconds(fn.durationMs)}" file="${attr(fn.file)}">\n` +
    `    <properties>\n${properties.map((p) => `      ${p}`).join("\n")}\n    </properties>\n` +
    `${all.map(([c, gc]) => testCase(fn, c, gc)).join("\n")}\n  </testsuite>`
  );
}

/** Prints JUnit XML at the end. */
export const junitReporter: ReporterFactory = (out) => ({
  onEnd(report) {
    // The root counts tests, as JUnit readers expect, not suites; the schema gives it no `skipped`.
    const total = counts(report.functions.flatMap((fn) => [...fn.cases, ...fn.gradientChecks]));
    out.write(
      `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="convgrade" ${countAttributes(total)} time="${seconds(report.durationMs)}">\n` +
        `${report.functions.map(suite).join("\n")}\n</testsuites>\n`,
    );
  },
});
