/**
 * What the JSON report of a sample submission must say, from the sample's expected.json: the exit code,
 * all eight functions in course order, totals that add up, each listed function's status, score,
 * messages and output, full marks for the others, and no file an escape would have made. Failures name
 * the sample and show a summary of the report, so they can be read without rerunning.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { EXERCISES } from "../../src/exercises.js";
import { type CliRun, type FunctionExpectation, ROOT, type Sample } from "./samples.js";

/** The parts of the JSON report these tests read. */
export interface CaseReport {
  name: string;
  status: string;
  points: number;
  maxPoints: number;
  message?: string;
  /** the known mistake whose hint it got */
  mistake?: string;
}
export interface FunctionReport {
  name: string;
  file: string;
  status: string;
  score: number;
  maxScore: number;
  message?: string;
  cases: CaseReport[];
  gradientChecks: CaseReport[];
  output?: string;
  outputTruncated?: boolean;
}
export interface Report {
  score: number;
  maxScore: number;
  functions: FunctionReport[];
}

/** The functions in course order: every report lists all eight so. */
export const COURSE_ORDER = EXERCISES.map((exercise) => exercise.name);

function messagesOf(f: FunctionReport): string[] {
  return [f.message, ...f.cases.map((c) => c.message), ...f.gradientChecks.map((c) => c.message)].filter((m): m is string => typeof m === "string");
}

/** A short account of the report, appended to every failure so it can be read without rerunning. */
function summary(report: Report | undefined, run: CliRun): string {
  const lines = [`exit code ${run.code}${run.signal ? ` (signal ${run.signal})` : ""}, ${run.durationMs} ms`];
  if (report) {
    lines.push(`score ${report.score}/${report.maxScore}`);
    for (const f of report.functions) {
      const first = messagesOf(f)[0];
      lines.push(`  ${f.name}: ${f.status} ${f.score}/${f.maxScore}${first ? ` - ${first.slice(0, 300)}` : ""}`);
    }
  } else {
    lines.push(`stdout: ${run.stdout.slice(0, 1500)}`);
  }
  if (run.stderr.trim()) lines.push(`stderr: ${run.stderr.slice(0, 1500)}`);
  return lines.join("\n");
}

function parseReport(run: CliRun, where: string): Report {
  try {
    return JSON.parse(run.stdout) as Report;
  } catch (error) {
    assert.fail(`${where}: stdout is not exactly one JSON document (${(error as Error).message})\n${summary(undefined, run)}`);
  }
}

function checkFunction(f: FunctionReport, want: FunctionExpectation, fail: (what: string) => never): void {
  if (f.status !== want.status) fail(`${f.name}: status ${f.status}, expected ${want.status}`);
  if (want.score !== undefined && f.score !== want.score) fail(`${f.name}: score ${f.score}, expected ${want.score}`);
  if (want.minLost !== undefined && f.maxScore - f.score < want.minLost) {
    fail(`${f.name}: score ${f.score}/${f.maxScore}, expected at least ${want.minLost} point(s) lost`);
  }
  const messages = messagesOf(f);
  if (want.messageIncludes && !messages.some((m) => want.messageIncludes!.every((part) => m.includes(part)))) {
    fail(`${f.name}: no message contains all of ${JSON.stringify(want.messageIncludes)}; messages:\n${messages.join("\n")}`);
  }
  if (want.messageMatches && !messages.some((m) => new RegExp(want.messageMatches!).test(m))) {
    fail(`${f.name}: no message matches /${want.messageMatches}/; messages:\n${messages.join("\n")}`);
  }
  if (want.caseStatus && ![...f.cases, ...f.gradientChecks].some((c) => c.status === want.caseStatus)) {
    fail(`${f.name}: no case has status ${want.caseStatus}`);
  }
  for (const part of want.outputIncludes ?? []) {
    const text = part.replaceAll("<ROOT>/", ROOT);
    if (!f.output?.includes(text)) fail(`${f.name}: output does not contain ${JSON.stringify(text)}; output:\n${f.output?.slice(0, 1000)}`);
  }
  if (want.outputTruncated !== undefined && (f.outputTruncated === true) !== want.outputTruncated) {
    fail(`${f.name}: outputTruncated is ${f.outputTruncated}, expected ${want.outputTruncated}`);
  }
}

/** Checks a report against a sample's expectations; every failure names the sample and shows the report. */
export function checkReport(sample: Sample, run: CliRun): void {
  const expected = sample.expected;
  const report = parseReport(run, sample.name);
  const fail = (what: string): never => assert.fail(`${sample.name}: ${what}\n${summary(report, run)}`);

  if (run.code !== expected.exitCode) fail(`exit code ${run.code}, expected ${expected.exitCode}`);
  const names = report.functions.map((f) => f.name);
  if (names.join() !== COURSE_ORDER.join()) fail(`functions ${names.join(", ")}, expected all eight in course order`);
  const total = report.functions.reduce((sum, f) => sum + f.score, 0);
  const max = report.functions.reduce((sum, f) => sum + f.maxScore, 0);
  if (report.score !== total || report.maxScore !== max) fail(`total ${report.score}/${report.maxScore} is not the sum ${total}/${max}`);

  for (const name of Object.keys(expected.functions)) if (!names.includes(name)) fail(`expected.json names an unknown function ${name}`);
  for (const f of report.functions) {
    const want = expected.functions[f.name];
    if (want) checkFunction(f, want, fail);
    else if (expected.othersPass && !expected.mayFail?.includes(f.name) && (f.status !== "pass" || f.score !== f.maxScore)) {
      fail(`${f.name}: ${f.status} ${f.score}/${f.maxScore}, expected a full pass`);
    }
    if (!want && expected.othersSilent && f.output) fail(`${f.name}: printed nothing, yet its output is ${JSON.stringify(f.output.slice(0, 300))}`);
  }
  if (expected.maxDurationMs !== undefined && run.durationMs > expected.maxDurationMs) {
    fail(`took ${run.durationMs} ms, expected at most ${expected.maxDurationMs} ms`);
  }
  for (const file of expected.filesMustNotExist ?? []) if (existsSync(file)) fail(`${file} exists: learner code escaped the sandbox`);
}
