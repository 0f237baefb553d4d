/**
 * End-to-end: runs the real CLI on every sample submission under test/submissions (pass/, fail/,
 * error/, hostile/) and checks the JSON report and the exit code against the sample's expected.json.
 * Overlay samples hold only the files that differ from their base (usually pass/loops). Each sample is
 * graded once per test run, with every reporter (graded-samples.ts): ci-reporters, mistake-hints and
 * output-injection read the same grading.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, test } from "node:test";
import { COURSE_ORDER, checkReport } from "../helpers/check-report.js";
import { gradedSample } from "../helpers/graded-samples.js";
import { buildSubmission, type CliRun, discoverSamples, fixtureArgs, removeTestCache, runCli, SAMPLES_DIR, type Sample } from "../helpers/samples.js";

/** The machine has two cores: two CLI runs at a time, each with its own sandbox child. */
const CONCURRENCY = 2;

after(removeTestCache);

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
      checkReport(sample, (await gradedSample(sample)).run);
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
