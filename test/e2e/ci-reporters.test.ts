/**
 * End-to-end: every reporter agrees with `json` on every number. Each sample submission (pass/, fail/,
 * error/ and the injection samples) is graded with all reporters at the same time — json, junit,
 * gradescope, pretty and github, classroom to $GITHUB_OUTPUT, with a job summary — and the numbers of
 * each are compared with the JSON report's; that grading is done once per test run and shared with
 * submissions.test.ts (graded-samples.ts). Then: github on stdout with hidden cases, --min-score and
 * harness faults, what is refused in --reporter, and files written whole.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { Report } from "../../src/result.js";
import { gradedSample } from "../helpers/graded-samples.js";
import { JunitBatch } from "../helpers/junit.js";
import { checkAgreement, type Outputs, outputsOf, parseOutputs } from "../helpers/reporter-agreement.js";
import { buildSubmission, discoverSamples, removeTestCache, type Sample, TEST_CACHE_DIR } from "../helpers/samples.js";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-ci-reporters-"));
after(() => {
  rmSync(work, { recursive: true, force: true });
  removeTestCache();
});

/** Grades a folder with every reporter at once: json, junit and gradescope to files, classroom to $GITHUB_OUTPUT, github on stdout. */
async function gradeWithAll(dir: string, name: string, extra: string[] = []): Promise<Outputs> {
  const out = join(work, "out", name.replace(/\W/g, "_"));
  const file = (path: string) => join(out, path);
  const run = await runCli(
    [
      "check",
      "--dir",
      dir,
      ...extra,
      "--reporter",
      `json:${file("report.json")}`,
      "--reporter",
      `junit:${file("nested/junit.xml")}`,
      "--reporter",
      `gradescope:${file("results/results.json")}`,
      "--reporter",
      "classroom",
      "--reporter",
      "github",
    ],
    { CONVGRADE_CACHE_DIR: TEST_CACHE_DIR, GITHUB_OUTPUT: file("github-output"), GITHUB_STEP_SUMMARY: file("step-summary.md"), CI: "true" },
  );
  const read = (path: string) => readFileSync(file(path), "utf8");
  const texts = { json: read("report.json"), junit: read("nested/junit.xml"), gradescope: read("results/results.json"), githubOutput: read("github-output") };
  return parseOutputs(run, { ...texts, github: run.stdout, summary: read("step-summary.md") }, name);
}

/**
 * pass/, fail/, error/ and the injection samples (the other hostile samples are about the sandbox, and
 * some of them print warnings on stderr). Every fail/ sample, now that each is graded once per run for
 * submissions.test.ts anyway (before, only the first for each function outside CI).
 */
function agreementSamples(): Sample[] {
  return discoverSamples().filter((s) => !s.name.startsWith("hostile/") || s.name.startsWith("hostile/inject-"));
}

const junitBatch = new JunitBatch();

describe("every reporter agrees with json on every number", { concurrency: 2 }, () => {
  const samples = agreementSamples();
  test("there are samples of every outcome", () => assert.ok(["pass/", "fail/", "error/", "hostile/"].every((o) => samples.some((s) => s.name.startsWith(o)))));
  for (const sample of samples) {
    test(sample.name, async () => {
      const o = outputsOf(await gradedSample(sample), sample.name);
      assert.equal(o.code, sample.expected.exitCode, `${sample.name}: exit code`);
      await checkAgreement(o, sample.name, junitBatch);
    });
  }
});

test("the samples' JUnit XML is valid against the schema (validated together)", async () => {
  assert.ok(junitBatch.size > 0, "no JUnit document was kept");
  await junitBatch.assertAllValid();
});

describe("hidden cases and exit policy", { concurrency: 2 }, () => {
  const loops = join(ROOT, "test/submissions/pass/loops");

  test("hidden cases: visible on Gradescope only after publication, and agreeing everywhere", async () => {
    const fixtures = join(work, "private");
    cpSync(join(ROOT, "fixtures"), fixtures, { recursive: true });
    const file = join(fixtures, "distribute-value.json");
    const fixture = JSON.parse(readFileSync(file, "utf8"));
    fixture.cases.forEach((c: { visibility?: string }, i: number) => (c.visibility = i % 2 === 0 ? "hidden" : "visible"));
    writeFileSync(file, JSON.stringify(fixture));
    const submission = join(work, "hidden-submission");
    cpSync(loops, submission, { recursive: true });
    writeFileSync(join(submission, "distribute-value.ts"), "export const distributeValue = (dz: number, [h, w]: number[]) => [[dz]];\n");
    const o = await gradeWithAll(submission, "hidden", ["distribute_value", "--fixtures", fixtures]);
    assert.equal(o.code, 1);
    assert.ok(o.json.functions[0].cases.some((c) => c.hidden));
    assert.ok(o.gradescope.tests.some((t: any) => t.visibility === "after_published"));
    await checkAgreement(o, "hidden");
  });

  const fail = discoverSamples().find((s) => s.name === "fail/conv-forward-ceil") as Sample;
  test("--min-score: exit 0 means the threshold was reached", async () => {
    const graded = await gradedSample(fail);
    assert.equal(graded.run.code, 1, graded.run.stderr);
    const json = JSON.parse(graded.run.stdout) as Report;
    assert.ok(json.score < json.maxScore);
    const dir = buildSubmission(fail);
    try {
      const exit = async (...args: string[]) =>
        (await runCli(["check", "--dir", dir, "--reporter", "json", ...args], { CONVGRADE_CACHE_DIR: TEST_CACHE_DIR })).code;
      assert.equal(await exit("--min-score", String(json.score)), 0);
      assert.equal(await exit("--min-score", String(json.score + 1)), 1);
      assert.equal(await exit("--min-score", "90%"), 0);
      assert.equal(await exit("--min-score", "100%"), 1);
      const above = await runCli(["check", "--dir", dir, "--min-score", String(json.maxScore + 1)], { CONVGRADE_CACHE_DIR: TEST_CACHE_DIR });
      assert.equal(above.code, 2);
      assert.match(above.stderr, /above the maximum score/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("harness faults exit 2 whatever the threshold, and write no report file", async () => {
    const out = join(work, "fault");
    const run = await runCli(["check", "--dir", join(work, "no-such-folder"), "--min-score", "0", "--reporter", `junit:${join(out, "junit.xml")}`]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /submission folder not found/);
    assert.equal(existsSync(out), false);
    assert.equal((await runCli(["check", "--min-score", "half"])).code, 2);
  });

  test("--reporter: one on stdout at most, classroom needs $GITHUB_OUTPUT or a file, known names only", async () => {
    const two = await runCli(["check", "--dir", loops, "--reporter", "json", "--reporter", "pretty"]);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /only one reporter may write to stdout/);
    const classroom = await runCli(["check", "--dir", loops, "--reporter", "classroom"], { GITHUB_OUTPUT: undefined });
    assert.equal(classroom.code, 2);
    assert.match(classroom.stderr, /GITHUB_OUTPUT/);
    const unknown = await runCli(["check", "--dir", loops, "--reporter", "tap"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown reporter "tap"/);
  });

  test("report files are written whole: parent folders created, no temporary file left", async () => {
    const out = join(work, "whole", "a", "b");
    const run = await runCli(["check", "--dir", loops, "--reporter", `classroom:${join(out, "classroom.json")}`, "--reporter", "pretty"], {
      CONVGRADE_CACHE_DIR: TEST_CACHE_DIR,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Total 108\/108|Total \d+\/\d+/);
    assert.deepEqual(readdirSync(out), ["classroom.json"]);
    const doc = JSON.parse(readFileSync(join(out, "classroom.json"), "utf8"));
    assert.equal(doc.status, "pass");
  });
});
