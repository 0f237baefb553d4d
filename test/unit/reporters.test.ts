import assert from "node:assert/strict";
import { test } from "node:test";
import { junitReporter } from "../../src/report/junit.js";
import { prettyReporter } from "../../src/report/pretty.js";
import { caseTitle } from "../../src/report/title.js";
import type { CaseResult, FunctionResult, Report } from "../../src/result.js";

const kase = (name: string, status: CaseResult["status"]): CaseResult => ({
  name,
  status,
  points: status === "pass" ? 1 : 0,
  maxPoints: 1,
  hidden: false,
  ...(status === "pass" ? {} : { message: `${name} is wrong` }),
});
const fn = (name: FunctionResult["name"], cases: CaseResult[], gradientChecks: CaseResult[] = []): FunctionResult => {
  const all = [...cases, ...gradientChecks];
  const score = all.reduce((sum, c) => sum + c.points, 0);
  return {
    name,
    snakeName: name,
    file: `exercises/${name}.ts`,
    status: score === all.length ? "pass" : "fail",
    score,
    maxScore: all.length,
    cases,
    gradientChecks,
    durationMs: 1,
  };
};
const report: Report = {
  score: 3,
  maxScore: 6,
  submission: "exercises",
  fixtures: "fixtures",
  timeoutMs: 2500,
  durationMs: 10,
  functions: [
    fn("zeroPad", [kase("a", "pass"), kase("b", "fail")]),
    fn("poolBackward", [kase("c", "pass"), kase("d", "timeout")], [kase("gradient check: max mode", "fail"), kase("average mode", "pass")]),
  ],
};
const render = (factory: typeof junitReporter) => {
  let out = "";
  const reporter = factory({ write: (text) => (out += text) }, { color: false });
  for (const result of report.functions) reporter.onEvent?.({ type: "function-result", result });
  reporter.onEnd(report);
  return out;
};

test("one case title for every reporter: a gradient check is prefixed once", () => {
  assert.equal(caseTitle(kase("gradient check: max mode", "fail"), true), "gradient check: max mode");
  assert.equal(caseTitle(kase("average mode", "fail"), true), "gradient check: average mode");
  assert.equal(caseTitle(kase("gradient check: max mode", "fail"), false), "gradient check: max mode");
  const junit = render(junitReporter);
  assert.match(junit, /<testcase classname="poolBackward" name="gradient check: max mode">/);
  assert.match(junit, /<testcase classname="poolBackward" name="gradient check: average mode">/);
  assert.doesNotMatch(junit, /gradient check: gradient check/);
  assert.match(render(prettyReporter), /fail gradient check: max mode 0\/1/);
});

test("junit: <testsuites> counts tests, failures and errors over all suites", () => {
  const junit = render(junitReporter);
  assert.match(junit, /<testsuites name="convgrade" tests="6" failures="2" errors="1" time="0.010">/);
  assert.match(junit, /<testsuite name="zeroPad" tests="2" failures="1" errors="0" skipped="0" time="0.001"/);
  assert.match(junit, /<testsuite name="poolBackward" tests="4" failures="1" errors="1" skipped="0" time="0.001"/);
});
