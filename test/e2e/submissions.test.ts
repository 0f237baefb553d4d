/**
 * End-to-end: runs the real CLI on every sample submission under test/submissions (pass/, fail/,
 * error/, hostile/) and checks the JSON report and the exit code against the sample's expected.json.
 * Overlay samples hold only the files that differ from their base (usually pass/loops).
 */
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { after, describe, test } from "node:test";
import { EXERCISES } from "../../src/exercises.js";
import {
  buildSubmission,
  type CliRun,
  discoverSamples,
  type FunctionExpectation,
  fixtureArgs,
  ROOT,
  runCli,
  SAMPLES_DIR,
  type Sample,
  TEST_CACHE_DIR,
} from "../helpers/samples.js";

/** The parts of the JSON report these tests read. */
interface CaseReport {
  name: string;
  status: string;
  points: number;
  maxPoints: number;
  message?: string;
}
interface FunctionReport {
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
interface Report {
  score: number;
  maxScore: number;
  functions: FunctionReport[];
}

const COURSE_ORDER = EXERCISES.map((exercise) => exercise.name);
/** The machine has two cores: two CLI runs at a time, each with its own sandbox child. */
const CONCURRENCY = 2;

after(() => rmSync(TEST_CACHE_DIR, { recursive: true, force: true }));

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
function checkReport(sample: Sample, run: CliRun): void {
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

describe("sample submissions", { concurrency: CONCURRENCY }, () => {
  const samples = discoverSamples();
  test("every outcome folder has samples", () => {
    for (const outcome of ["pass", "fail", "error", "hostile"]) {
      assert.ok(
        samples.some((s) => s.name.startsWith(`${outcome}/`)),
        `no samples in ${SAMPLES_DIR}/${outcome}`,
      );
    }
    for (const sample of samples.filter((s) => s.name.startsWith("fail/"))) {
      assert.equal(sample.expected.exitCode, 1, `${sample.name}: a failing sample must expect exit code 1`);
      assert.ok(
        Object.values(sample.expected.functions).some((f) => f.status === "fail" && (f.messageIncludes || f.messageMatches)),
        `${sample.name}: a failing sample must name a failing function and its message`,
      );
    }
  });

  for (const sample of samples) {
    test(`${sample.name}: ${sample.expected.description}`, async () => {
      for (const file of sample.expected.filesMustNotExist ?? []) rmSync(file, { force: true });
      const dir = buildSubmission(sample);
      try {
        const run = await runCli(["check", "--dir", dir, "--reporter", "json", ...fixtureArgs(), ...(sample.expected.args ?? [])]);
        checkReport(sample, run);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe("pretty reporter", { concurrency: CONCURRENCY }, () => {
  const samples = discoverSamples();
  const byName = (name: string) => samples.find((s) => s.name === name) as Sample;
  const FUNCTION_LINE = /^([✓✗!○]) (\w+)\s+(\d+)\/(\d+)/;

  async function pretty(sample: Sample): Promise<{ run: CliRun; lines: string[] }> {
    const dir = buildSubmission(sample);
    try {
      const run = await runCli(["check", "--dir", dir, ...fixtureArgs(), ...(sample.expected.args ?? [])]);
      assert.doesNotMatch(run.stdout, /\x1b\[/, "NO_COLOR is set, yet the output has colour codes");
      return { run, lines: run.stdout.split("\n") };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test("pass/loops: one line per function in course order, then the total; exit 0", async () => {
    const { run, lines } = await pretty(byName("pass/loops"));
    const functionLines = lines.map((line) => FUNCTION_LINE.exec(line)).filter((m) => m !== null);
    assert.deepEqual(
      functionLines.map((m) => m[2]),
      COURSE_ORDER,
      run.stdout,
    );
    for (const m of functionLines) assert.equal(m[1], "✓", `${m[2]} is not marked as passing:\n${run.stdout}`);
    for (const m of functionLines) assert.equal(m[3], m[4], `${m[2]} has not got full marks:\n${run.stdout}`);
    const totals = lines.filter((line) => line.startsWith("Total"));
    assert.equal(totals.length, 1, run.stdout);
    const [, score, max] = /^Total (\d+)\/(\d+)/.exec(totals[0]) ?? [];
    assert.ok(score !== undefined && score === max, `total line ${totals[0]}`);
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  test("error/stubs: every function says not implemented; exit 1", async () => {
    const { run, lines } = await pretty(byName("error/stubs"));
    const functionLines = lines.filter((line) => FUNCTION_LINE.test(line));
    assert.deepEqual(
      functionLines.map((line) => FUNCTION_LINE.exec(line)?.[2]),
      COURSE_ORDER,
      run.stdout,
    );
    for (const line of functionLines) assert.match(line, /not implemented/, run.stdout);
    assert.match(run.stdout, /^Total 0\/\d+/m, run.stdout);
    assert.equal(run.code, 1, run.stdout + run.stderr);
  });

  test("hostile/fake-report: the learner's fake total is shown as its output, the only Total line is the real one", async () => {
    const { run, lines } = await pretty(byName("hostile/fake-report"));
    const totals = lines.filter((line) => line.startsWith("Total"));
    assert.equal(totals.length, 1, run.stdout);
    assert.doesNotMatch(totals[0], /999/, run.stdout);
    assert.ok(
      lines.some((line) => /^\s+\|.*10\/10 passed/.test(line)),
      `the learner's output is not shown indented:\n${run.stdout}`,
    );
    assert.equal(run.code, 1, run.stdout + run.stderr);
  });
});
