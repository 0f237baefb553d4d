/**
 * The classroom reporter: the result document GitHub Classroom's autograding reporter reads.
 *
 * Followed: education/autograding-grading-reporter (classroom-resources/autograding-grading-reporter@v1),
 * src/main.js, src/notify-classroom.js, src/console-results.js and src/helpers/test-helpers.js at its
 * commit 1a54efb (April 2024), and the `result` output the course graders it pairs with write
 * (education/autograding-command-grader, src/main.js). That reporter takes `runners: <step ids>` and,
 * for each id, reads the environment variable `<ID>_RESULTS`, base64-decodes it and parses JSON:
 * `{ version, status, max_score, tests: [{ name, status, score, max_score?, message, line_no, … }] }`.
 * The grade it sends to Classroom is the sum of `tests[].score` over the runners' `max_score`; its
 * console table instead shows passed tests / tests × max_score; it fails the step when `status` is
 * "fail" or "error", and prints "line N" unless `line_no` is 0.
 *
 * So, written to `$GITHUB_OUTPUT` (the default destination): `result=<base64 of the JSON>`, for a
 * workflow step `env: CONVGRADE_RESULTS: "${{ steps.convgrade.outputs.result }}"` with
 * `runners: convgrade`. Written to a file named on the command line: the JSON document itself.
 * One test per case and gradient check, as in the other reporters.
 */
import type { CaseResult, FunctionResult, Report } from "../result.js";
import type { ReporterFactory } from "./reporter.js";
import { json, text } from "./sanitize.js";
import { caseTitle } from "./title.js";

/** The step output's name, as the workflow reads it: `steps.<id>.outputs.result`. */
export const CLASSROOM_OUTPUT = "result";

/**
 * The reporter step gets the document through an environment variable, and Linux refuses to start a
 * process with one string of the environment over 128 KiB (MAX_ARG_STRLEN): the base64 text is kept
 * well below, by shortening messages.
 */
const MAX_ENCODED = 96 * 1024;
const MESSAGE_LIMITS = [4000, 1000, 300, 80, 0];

function test(fn: FunctionResult, c: CaseResult, gradientCheck: boolean, maxMessage: number) {
  const message = c.status === "pass" ? "" : text(c.message ?? (c.hidden ? "hidden case: failed" : c.status));
  return {
    name: `${fn.name}: ${text(caseTitle(c, gradientCheck))}`,
    status: c.status === "pass" ? "pass" : c.status === "fail" ? "fail" : "error",
    score: c.points,
    max_score: c.maxPoints,
    message: message.length > maxMessage ? `${message.slice(0, maxMessage)}…` : message,
    filename: fn.file,
    line_no: c.hidden ? 0 : (c.location?.line ?? 0),
  };
}

/** The document, its messages shortened to maxMessage characters. */
export function classroomResults(report: Report, maxMessage = MESSAGE_LIMITS[0]) {
  return {
    version: 1,
    status: report.score === report.maxScore ? "pass" : "fail",
    max_score: report.maxScore,
    tests: report.functions.flatMap((fn) => [
      ...fn.cases.map((c) => test(fn, c, false, maxMessage)),
      ...fn.gradientChecks.map((c) => test(fn, c, true, maxMessage)),
    ]),
  };
}

/** The base64 text of the document, within MAX_ENCODED when shortening messages can get it there. */
export function encodeClassroomResults(report: Report): string {
  let encoded = "";
  for (const limit of MESSAGE_LIMITS) {
    encoded = Buffer.from(json(classroomResults(report, limit)), "utf8").toString("base64");
    if (encoded.length <= MAX_ENCODED) break;
  }
  return encoded;
}

/** Writes the document at the end: base64 as a step output, or plain JSON to a file. */
export const classroomReporter: ReporterFactory = (out, options) => ({
  onEnd(report) {
    if (options.target === "github-output") out.write(`${CLASSROOM_OUTPUT}=${encodeClassroomResults(report)}\n`);
    else out.write(`${json(classroomResults(report), 2)}\n`);
  },
});
