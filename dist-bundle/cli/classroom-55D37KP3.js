import {
  caseTitle
} from "./chunk-WFQJ6T5Q.js";
import {
  json,
  text
} from "./chunk-6SUERUYL.js";

// src/report/classroom.ts
var CLASSROOM_OUTPUT = "result";
var MAX_ENCODED = 96 * 1024;
var MESSAGE_LIMITS = [4e3, 1e3, 300, 80, 0];
function test(fn, c, gradientCheck, maxMessage) {
  const message = c.status === "pass" ? "" : text(c.message ?? (c.hidden ? "hidden case: failed" : c.status));
  return {
    name: `${fn.name}: ${text(caseTitle(c, gradientCheck))}`,
    status: c.status === "pass" ? "pass" : c.status === "fail" ? "fail" : "error",
    score: c.points,
    max_score: c.maxPoints,
    message: message.length > maxMessage ? `${message.slice(0, maxMessage)}\u2026` : message,
    filename: fn.file,
    line_no: c.hidden ? 0 : c.location?.line ?? 0
  };
}
function classroomResults(report, maxMessage = MESSAGE_LIMITS[0]) {
  return {
    version: 1,
    status: report.score === report.maxScore ? "pass" : "fail",
    max_score: report.maxScore,
    tests: report.functions.flatMap((fn) => [
      ...fn.cases.map((c) => test(fn, c, false, maxMessage)),
      ...fn.gradientChecks.map((c) => test(fn, c, true, maxMessage))
    ])
  };
}
function encodeClassroomResults(report) {
  let encoded = "";
  for (const limit of MESSAGE_LIMITS) {
    encoded = Buffer.from(json(classroomResults(report, limit)), "utf8").toString("base64");
    if (encoded.length <= MAX_ENCODED) break;
  }
  return encoded;
}
var classroomReporter = (out, options) => ({
  onEnd(report) {
    if (options.target === "github-output") out.write(`${CLASSROOM_OUTPUT}=${encodeClassroomResults(report)}
`);
    else out.write(`${json(classroomResults(report), 2)}
`);
  }
});
export {
  CLASSROOM_OUTPUT,
  classroomReporter,
  classroomResults,
  encodeClassroomResults
};
