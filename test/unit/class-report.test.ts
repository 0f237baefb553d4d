// The class report's known mistakes: counted once per submission, function and mistake, hidden cases never.
import assert from "node:assert/strict";
import { test } from "node:test";
import { classReportHtml, knownMistakes } from "../../src/report/class-html.ts";
import type { CaseResult, FunctionResult, Report, SubmissionResult } from "../../src/result.ts";
import { byId, parseHtml, textOf } from "../helpers/html.js";

const kase = (name: string, mistake?: string, hidden = false): CaseResult => ({
  name,
  status: mistake ? "fail" : "pass",
  points: mistake ? 0 : 1,
  maxPoints: 1,
  hidden,
  ...(mistake ? { mistake, hint: `this is what ${mistake} gives` } : {}),
});

function submission(name: string, cases: CaseResult[]): SubmissionResult {
  const fn: FunctionResult = {
    name: "convForward",
    snakeName: "conv_forward",
    file: "conv-forward.ts",
    status: "fail",
    score: 0,
    maxScore: 3,
    cases,
    gradientChecks: [],
    durationMs: 1,
  };
  const report: Report = { score: 0, maxScore: 3, functions: [fn], submission: name, fixtures: "f", timeoutMs: 2500, durationMs: 1 };
  return { name, status: "fail", report, durationMs: 1 };
}

test("known mistakes: each submission counts once per function and mistake; hidden cases are not counted", () => {
  const graded = [
    submission("a", [kase("c1", "strideForward"), kase("c2", "strideForward")]),
    submission("b", [kase("c1", "strideForward"), kase("c3", "ceil")]),
    submission("c", [kase("c1", "ceil", true)]),
  ];
  const known = knownMistakes(graded as Parameters<typeof knownMistakes>[0]);
  assert.deepEqual(
    known.map((m) => [m.mistake, m.count]),
    [
      ["strideForward", 2],
      ["ceil", 1],
    ],
  );
  const html = classReportHtml({
    dir: "class",
    functions: [{ name: "convForward", snakeName: "conv_forward", maxScore: 3 }],
    maxScore: 3,
    submissions: graded,
  });
  assert.match(html, /<table id="known-mistakes">.*67%.*this is what strideForward gives/s);
});

test("a merged class whose read-back reports and gradebook header hold markup where names and numbers go: all of it escaped", () => {
  // `gradebook merge` builds the report from files a shard's job wrote: function names from the gradebook's
  // header, scores from the JSON reports. None of them may reach the page as markup.
  const markup = "<img src=x onerror=alert(1)>";
  const graded = submission("x;=1+2;@SUM(1)", [kase("c1", "strideForward")]);
  const report = graded.status === "harness-error" ? undefined : graded.report;
  Object.assign(report!, { score: markup, maxScore: markup });
  Object.assign(report!.functions[0], { name: markup, score: markup });
  const html = classReportHtml({
    dir: "class",
    functions: [{ name: markup as never, snakeName: markup, maxScore: markup as never }],
    maxScore: markup as never,
    submissions: [graded, submission("+cmd|' /C calc'!A0", [])],
  });
  const parsed = parseHtml(html);
  assert.deepEqual(parsed.errors, []);
  assert.ok(!parsed.elements.some((e) => e.tagName === "img"));
  assert.ok(!html.includes(markup));
  assert.ok(textOf(byId(parsed, "submissions")!).includes(markup), "shown as text");
  assert.ok(textOf(byId(parsed, "submissions")!).includes("x;=1+2;@SUM(1)"));
});
