/**
 * The CI reporters on hand-made reports: JUnit valid against the schema with counts that agree, GitHub
 * workflow commands escaped as the Actions toolkit does and placed on the learner's lines, the job
 * summary's Markdown inert, Gradescope's and Classroom's documents, --reporter and --min-score parsing,
 * and the export line found in a source. Then each report as its consumer reads it: GitHub Classroom's
 * reporter, GitLab's and Jenkins's JUnit parsers (ports pinned to a commit) and Gradescope's documented
 * rules, checking the points and statuses a learner would see.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { exitCodeFor, parseMinScore } from "../../src/cli/exit-policy.js";
import { parseReporterSpec } from "../../src/cli/report-targets.js";
import { CLASSROOM_OUTPUT, classroomReporter, classroomResults, encodeClassroomResults } from "../../src/report/classroom.js";
import { githubReporter } from "../../src/report/github.js";
import { gradescopeResults } from "../../src/report/gradescope.js";
import { junitReporter } from "../../src/report/junit.js";
import type { ReporterFactory, ReporterOptions } from "../../src/report/reporter.js";
import { githubData, githubProperty, markdownCell } from "../../src/report/sanitize.js";
import type { CaseResult, FunctionResult, Report } from "../../src/result.js";
import { exportLine } from "../../src/submission/export-line.js";
import { classroomPoints, consoleLog, readRunners, stepFails } from "../helpers/consumers/classroom-reporter.js";
import { gitlabSummary, gitlabTestCases } from "../helpers/consumers/gitlab-junit.js";
import { gradescopeView } from "../helpers/consumers/gradescope-results.js";
import { jenkinsCases } from "../helpers/consumers/jenkins-junit.js";
import { assertValidJunit, parseJunit } from "../helpers/junit.js";

const HOSTILE = "evil\r\n::error file=x::forged %0A | *bold* <b>&amp; [link](http://x) @someone\u001b[2J\u202e";

const kase = (name: string, status: CaseResult["status"], extra: Partial<CaseResult> = {}): CaseResult => ({
  name,
  status,
  points: status === "pass" ? 2 : 0,
  maxPoints: 2,
  hidden: false,
  ...(status === "pass" ? {} : { message: `${name}: ${HOSTILE}` }),
  ...extra,
});
const fn = (name: FunctionResult["name"], cases: CaseResult[], extra: Partial<FunctionResult> = {}, gradientChecks: CaseResult[] = []): FunctionResult => {
  const all = [...cases, ...gradientChecks];
  const score = all.reduce((sum, c) => sum + c.points, 0);
  const maxScore = all.reduce((sum, c) => sum + c.maxPoints, 0);
  return {
    name,
    snakeName: name,
    file: `exercises/${name}.ts`,
    status: score === maxScore ? "pass" : "fail",
    score,
    maxScore,
    cases,
    gradientChecks,
    durationMs: 12,
    exportLine: 3,
    ...extra,
  };
};
const functions = [
  fn("zeroPad", [kase("a", "pass"), kase("b", "fail")]),
  fn("convForward", [kase("c", "error", { location: { file: "exercises/conv-forward.ts", line: 17 } }), kase("d", "timeout")]),
  fn("poolBackward", [kase("hidden one", "fail", { hidden: true, message: undefined })], {}, [kase("max mode", "pass"), kase("average mode", "fail")]),
  fn("distributeValue", [kase("e", "pass")]),
];
const report: Report = {
  score: functions.reduce((s, f) => s + f.score, 0),
  maxScore: functions.reduce((s, f) => s + f.maxScore, 0),
  submission: "exercises",
  fixtures: "fixtures",
  timeoutMs: 2500,
  durationMs: 1234,
  functions,
};

function render(factory: ReporterFactory, options: Partial<ReporterOptions> = {}): { out: string; summary: string } {
  let out = "";
  let summary = "";
  const toOut = (t: string) => {
    out += t;
  };
  const toSummary = (t: string) => {
    summary += t;
  };
  const reporter = factory({ write: toOut }, { color: false, stepSummary: { write: toSummary }, ...options });
  reporter.onEnd(report);
  return { out, summary };
}

test("junit: valid against the schema, counts agree with the cases, points are properties", async () => {
  const { out } = render(junitReporter);
  await assertValidJunit(out, "junit");
  const junit = parseJunit(out, "junit");
  assert.deepEqual(
    junit.suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures, s.attributes.errors, s.attributes.skipped]),
    [
      ["zeroPad", "2", "1", "0", "0"],
      ["convForward", "2", "0", "2", "0"],
      ["poolBackward", "3", "2", "0", "0"],
      ["distributeValue", "1", "0", "0", "0"],
    ],
  );
  assert.equal(junit.attributes.time, "1.234");
  const pool = junit.suites[2];
  assert.equal(pool.properties.score, "2");
  assert.equal(pool.properties.maxScore, "6");
  assert.equal(pool.properties["points: gradient check: max mode"], "2/2");
  assert.equal(pool.cases[1].name, "gradient check: max mode", "gradient checks are test cases");
});

test("sanitize: workflow command data and properties escaped as the Actions toolkit does", () => {
  assert.equal(githubData("50%\r\nnext"), "50%25%0Anext");
  assert.equal(githubData("a\rb"), "a\\x0db", "a lone CR is shown, not kept");
  assert.equal(githubProperty("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
  assert.equal(markdownCell("a | b *c* <d> [e](f) @g\nh"), "a \\| b \\*c\\* \\<d\\> \\[e\\]\\(f\\) \\@g\\\\x0ah");
});

test("github: one line per function, an annotation per function that falls short, on its own line", () => {
  const { out } = render(githubReporter);
  const lines = out.trimEnd().split("\n");
  const commands = lines.filter((line) => line.startsWith("::"));
  assert.equal(commands.length, 3, out);
  assert.ok(
    commands.every((line) => line.startsWith("::error ")),
    out,
  );
  assert.match(commands[0], /^::error file=exercises\/zeroPad\.ts,line=3,title=zeroPad 2\/4%3A fail::/, "at the export when nothing threw");
  assert.match(commands[1], /^::error file=exercises\/conv-forward\.ts,line=17,/, "at the line that threw");
  assert.match(commands[2], /hidden one \(hidden case\) 0\/2/);
  // Nothing of the learner's text starts a command or breaks the line: the forged one is inside the data.
  assert.equal(lines.length, 4 + 3 + 1);
  assert.ok(!out.includes("\r") && !out.includes("\u001b") && !out.includes("\u202e"));
  assert.match(out, /evil%0A\\x3a:error file=x::forged %250A/);
  assert.equal(lines.at(-1), `Total ${report.score}/${report.maxScore}`);
});

test("github: the job summary is a Markdown table whose learner text is inert", () => {
  const { summary } = render(githubReporter);
  const rows = summary.split("\n").filter((line) => line.startsWith("| "));
  assert.equal(rows.length, 1 + functions.length + 1);
  for (const row of rows) assert.equal(row.replace(/\\\|/g, "").split("|").length, 6, `five cells: ${row}`);
  for (const row of rows.slice(1, -1)) assert.doesNotMatch(row.split(" | ")[3], /(?<!\\)[<[*@&]/, "learner text starts no Markdown or HTML");
  assert.match(summary, /\| ✗ convForward \| fail \| 0\/4 \|/);
  assert.match(summary, /\*\*total\*\* \| 1 of 4 pass \| \*\*6\/16\*\*/);
});

test("gradescope: score, seconds, one test per case and gradient check, hidden cases after publication", () => {
  const results = gradescopeResults(report);
  assert.equal(results.score, report.score);
  assert.equal(results.execution_time, 1.234);
  assert.equal(results.tests.length, 8);
  assert.equal(
    results.tests.reduce((s, t) => s + t.score, 0),
    report.score,
  );
  const hidden = results.tests.find((t) => t.name === "poolBackward: hidden one");
  assert.deepEqual(hidden, {
    name: "poolBackward: hidden one",
    score: 0,
    max_score: 2,
    status: "failed",
    output_format: "text",
    visibility: "after_published",
  });
  assert.ok(results.tests.filter((t) => t !== hidden).every((t) => t.visibility === "visible"));
  assert.ok(!JSON.stringify(results).includes("\u001b"), "controls shown as escapes");
});

test("classroom: the document the autograding reporter reads, base64 under the output name `result`", () => {
  const doc = classroomResults(report);
  assert.equal(doc.version, 1);
  assert.equal(doc.status, "fail");
  assert.equal(doc.max_score, report.maxScore);
  assert.equal(
    doc.tests.reduce((s, t) => s + t.score, 0),
    report.score,
  );
  assert.ok(doc.tests.every((t) => typeof t.line_no === "number" && ["pass", "fail", "error"].includes(t.status)));
  assert.equal(doc.tests.find((t) => t.name === "convForward: c")?.line_no, 17);
  const { out } = render(classroomReporter, { target: "github-output" });
  const [name, value] = out.trimEnd().split("=");
  assert.equal(name, "result");
  assert.deepEqual(JSON.parse(Buffer.from(value, "base64").toString("utf8")), JSON.parse(JSON.stringify(doc)));
});

test("classroom: a huge report is shortened to fit in one environment variable", () => {
  const long = {
    ...report,
    functions: report.functions.map((f) => ({ ...f, cases: f.cases.map((c) => (c.message ? { ...c, message: c.message.repeat(2000) } : c)) })),
  };
  const encoded = encodeClassroomResults(long);
  assert.ok(encoded.length <= 96 * 1024, `${encoded.length}`);
  const doc = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
  assert.equal(doc.tests.length, 8);
});

test("--reporter name[:file] and --min-score", () => {
  assert.deepEqual(parseReporterSpec("junit"), { name: "junit" });
  assert.deepEqual(parseReporterSpec("junit:out/a:b.xml"), { name: "junit", path: "out/a:b.xml" });
  assert.throws(() => parseReporterSpec("xml:a"), /unknown reporter "xml"/);
  assert.throws(() => parseReporterSpec("json:"), /empty/);
  assert.deepEqual(parseMinScore("45"), { points: 45 });
  assert.deepEqual(parseMinScore("75%"), { percent: 75 });
  assert.throws(() => parseMinScore("101%"));
  assert.throws(() => parseMinScore("-1"));
  assert.throws(() => parseMinScore("half"));
  assert.equal(exitCodeFor(report), 1);
  assert.equal(exitCodeFor(report, { points: 6 }), 0);
  assert.equal(exitCodeFor(report, { points: 7 }), 1);
  assert.equal(exitCodeFor(report, { percent: 37.5 }), 0, "6/16 is exactly 37.5%");
  assert.equal(exitCodeFor(report, { percent: 37.6 }), 1);
  assert.throws(() => exitCodeFor(report, { points: 17 }), /above the maximum/);
});

test("the export's line: declarations, arrow functions and export lists", () => {
  assert.equal(exportLine("// x\n\nexport function zeroPad(X, pad) {", "zeroPad"), 3);
  assert.equal(exportLine("export const zeroPadding = 1;\nexport const zeroPad: ZeroPad = (X) =>", "zeroPad"), 2);
  assert.equal(exportLine("function f() {}\nexport {\n  f as zeroPad,\n};", "zeroPad"), 3);
  assert.equal(exportLine("export async function* zeroPad() {}", "zeroPad"), 1);
  assert.equal(exportLine("export default function zeroPad() {}", "zeroPad"), undefined);
  assert.equal(exportLine(undefined, "zeroPad"), undefined);
});

// ---- each report read by its consumer's own rules (ports pinned to a commit: test/helpers/consumers/) ----

test("GitHub Classroom's reporter, ported: the points it sends are convgrade's score; its log and its table as the learner reads them", () => {
  const { out } = render(classroomReporter, { target: "github-output" });
  const value = out.trimEnd().slice(`${CLASSROOM_OUTPUT}=`.length);
  const runs = readRunners("convgrade", { CONVGRADE_RESULTS: value });
  assert.equal(classroomPoints(runs), `Points ${report.score}/${report.maxScore}`, "Points 6/16");
  assert.equal(stepFails(runs), "Some tests failed.");
  const log = consoleLog(runs);
  assert.equal(log.passed, "Grand total tests passed: 3/8");
  assert.ok(log.lines.includes("✅ zeroPad: a"));
  assert.ok(log.lines.includes("❌ zeroPad: b"));
  assert.ok(log.lines.includes("❌ poolBackward: hidden one"), "a hidden case: no line number");
  assert.ok(log.lines.some((line) => line.startsWith("Error: c: evil")));
  // A full mark is a passing step, with every point.
  const perfect: Report = {
    ...report,
    score: 16,
    functions: report.functions.map((f) => ({ ...f, cases: f.cases.map((c) => ({ ...c, status: "pass", points: c.maxPoints })) })),
  };
  perfect.functions = perfect.functions.map((f) => ({ ...f, gradientChecks: f.gradientChecks.map((c) => ({ ...c, status: "pass", points: c.maxPoints })) }));
  const allPass = readRunners("convgrade", { CONVGRADE_RESULTS: encodeClassroomResults(perfect) });
  assert.equal(classroomPoints(allPass), "Points 16/16");
  assert.equal(stepFails(allPass), undefined);
});

test("GitHub Classroom's reporter, ported: its table shows tests passed × max, not points, when cases weigh differently", () => {
  // Case "a" worth 10 points: the points Classroom records follow the weights; the log's table does not.
  const weighted: Report = {
    ...report,
    score: report.score + 8,
    maxScore: report.maxScore + 8,
    functions: report.functions.map((f) =>
      f.name === "zeroPad" ? { ...f, cases: f.cases.map((c) => (c.name === "a" ? { ...c, points: 10, maxPoints: 10 } : c)) } : f,
    ),
  };
  const runs = readRunners("convgrade", { CONVGRADE_RESULTS: encodeClassroomResults(weighted) });
  assert.equal(classroomPoints(runs), "Points 14/24");
  assert.deepEqual(consoleLog(runs).table, [["convgrade", 9, 24]], "3 of 8 tests passed × 24");
});

test("GitLab's JUnit parser, ported: one test per case and gradient check; wrong answers failed, throws and time-outs errors", () => {
  const { out } = render(junitReporter);
  const cases = gitlabTestCases(out);
  assert.deepEqual(gitlabSummary(cases), { total: 8, failed: 3, error: 2, skipped: 0, success: 3 });
  assert.deepEqual(
    cases.map((c) => [c.suite, c.name, c.status]),
    [
      ["zeroPad", "a", "success"],
      ["zeroPad", "b", "failed"],
      ["convForward", "c", "error"],
      ["convForward", "d", "error"],
      ["poolBackward", "hidden one", "failed"],
      ["poolBackward", "gradient check: max mode", "success"],
      ["poolBackward", "gradient check: average mode", "failed"],
      ["distributeValue", "e", "success"],
    ],
  );
});

test("Jenkins's JUnit parser, ported: the same counts (errors are failures to Jenkins), names as it shows them", () => {
  const { out } = render(junitReporter);
  const cases = jenkinsCases(out);
  assert.equal(cases.length, 8);
  assert.equal(cases.filter((c) => c.passed).length, 3);
  assert.equal(cases.filter((c) => c.failed).length, 5);
  assert.equal(cases.filter((c) => c.skipped).length, 0);
  assert.ok(cases.some((c) => c.fullName === "poolBackward.gradient check: max mode" && c.passed));
  assert.ok(cases.find((c) => c.fullName === "convForward.d")?.failed, "a time-out fails");
  assert.match(cases.find((c) => c.fullName === "zeroPad.b")?.errorDetails ?? "", /^b: evil/);
});

test("Gradescope's documented rules: before publication the hidden case and the total are not shown; after, every point", () => {
  const doc = JSON.parse(JSON.stringify(gradescopeResults(report)));
  const before = gradescopeView(doc, { published: false, afterDueDate: true });
  assert.equal(before.total, undefined, "a test not shown hides the total");
  assert.equal(before.recorded, report.score);
  assert.equal(before.tests.length, 7);
  assert.ok(!before.tests.some((t) => t.name === "poolBackward: hidden one"));
  const after = gradescopeView(doc, { published: true, afterDueDate: true });
  assert.equal(after.total, 6);
  assert.equal(after.tests.filter((t) => t.passed).length, 3);
  assert.equal(
    after.tests.reduce((sum, t) => sum + (t.score ?? 0), 0),
    report.score,
  );
});
