/**
 * End-to-end: every reporter agrees with `json` on every number. Each sample submission (pass/, fail/,
 * error/ and the injection samples) is graded once with all reporters at the same time — json, junit
 * and gradescope to files, classroom to $GITHUB_OUTPUT, github on stdout with a job summary — and the
 * numbers of each are compared with the JSON report's. Then: --min-score and harness faults, what is
 * refused in --reporter, and files written whole.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { CaseResult, FunctionResult, Report } from "../../src/result.js";
import { assertValidJunit, parseJunit } from "../helpers/junit.js";
import { buildSubmission, discoverSamples, fixtureArgs, type Sample } from "../helpers/samples.js";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-ci-reporters-"));
const cacheDir = join(work, "cache");
after(() => rmSync(work, { recursive: true, force: true }));

const allCases = (fn: FunctionResult): CaseResult[] => [...fn.cases, ...fn.gradientChecks];
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

interface Outputs {
  code: number | null;
  stdout: string;
  stderr: string;
  json: Report;
  junit: string;
  gradescope: any;
  classroom: any;
  summary: string;
}

/** Grades a folder with every reporter at once. */
async function gradeWithAll(dir: string, name: string, extra: string[] = []): Promise<Outputs> {
  const out = join(work, "out", name.replace(/\W/g, "_"));
  const githubOutput = join(out, "github-output");
  const summary = join(out, "step-summary.md");
  const run = await runCli(
    [
      "check",
      "--dir",
      dir,
      ...extra,
      "--reporter",
      `json:${join(out, "report.json")}`,
      "--reporter",
      `junit:${join(out, "nested", "junit.xml")}`,
      "--reporter",
      `gradescope:${join(out, "results", "results.json")}`,
      "--reporter",
      "classroom",
      "--reporter",
      "github",
    ],
    { CONVGRADE_CACHE_DIR: cacheDir, GITHUB_OUTPUT: githubOutput, GITHUB_STEP_SUMMARY: summary, CI: "true" },
  );
  assert.equal(run.stderr, "", `${name}: stderr`);
  const [key, value] = readFileSync(githubOutput, "utf8").trimEnd().split("=");
  assert.equal(key, "result", `${name}: the step output's name`);
  return {
    ...run,
    json: JSON.parse(readFileSync(join(out, "report.json"), "utf8")),
    junit: readFileSync(join(out, "nested", "junit.xml"), "utf8"),
    gradescope: JSON.parse(readFileSync(join(out, "results", "results.json"), "utf8")),
    classroom: JSON.parse(Buffer.from(value, "base64").toString("utf8")),
    summary: readFileSync(summary, "utf8"),
  };
}

async function checkJunit(o: Outputs, where: string): Promise<void> {
  await assertValidJunit(o.junit, where);
  const junit = parseJunit(o.junit, where);
  assert.equal(junit.suites.length, o.json.functions.length, `${where}: one suite per function`);
  o.json.functions.forEach((fn, k) => {
    const suite = junit.suites[k];
    assert.equal(suite.attributes.name, fn.name);
    assert.equal(suite.properties.score, String(fn.score), `${where}: ${fn.name} score`);
    assert.equal(suite.properties.maxScore, String(fn.maxScore), `${where}: ${fn.name} maxScore`);
    assert.equal(suite.attributes.time, (fn.durationMs / 1000).toFixed(3));
    const cases = allCases(fn);
    assert.equal(suite.cases.length, cases.length, `${where}: ${fn.name} cases and gradient checks are test cases`);
    const points = Object.entries(suite.properties).filter(([name]) => name.startsWith("points: "));
    assert.deepEqual(
      points.map(([, value]) => value),
      cases.map((c) => `${c.points}/${c.maxPoints}`),
      `${where}: ${fn.name} points`,
    );
    cases.forEach((c, i) => {
      const expected = c.status === "pass" ? "pass" : c.status === "fail" ? "failure" : "error";
      assert.equal(suite.cases[i].outcome, expected, `${where}: ${fn.name} case ${i}`);
    });
  });
  assert.equal(junit.attributes.time, (o.json.durationMs / 1000).toFixed(3));
}

function checkGradescope(o: Outputs, where: string): void {
  const g = o.gradescope;
  assert.equal(g.score, o.json.score, `${where}: gradescope score`);
  assert.equal(Math.round(g.execution_time * 1000), o.json.durationMs);
  const cases = o.json.functions.flatMap(allCases);
  assert.equal(g.tests.length, cases.length, `${where}: gradescope tests`);
  cases.forEach((c, i) => {
    const t = g.tests[i];
    assert.deepEqual(
      [t.score, t.max_score, t.status, t.visibility],
      [c.points, c.maxPoints, c.status === "pass" ? "passed" : "failed", c.hidden ? "after_published" : "visible"],
    );
    if (c.hidden) assert.equal(t.output, undefined, `${where}: a hidden case shows nothing`);
  });
  assert.equal(sum(g.tests.map((t: any) => t.score)), o.json.score);
}

function checkClassroom(o: Outputs, where: string): void {
  const c = o.classroom;
  assert.equal(c.version, 1);
  assert.equal(c.max_score, o.json.maxScore, `${where}: classroom max_score`);
  assert.equal(sum(c.tests.map((t: any) => t.score)), o.json.score, `${where}: classroom's grade (the sum of the tests' scores)`);
  assert.equal(c.status, o.json.score === o.json.maxScore ? "pass" : "fail");
  const cases = o.json.functions.flatMap(allCases);
  assert.deepEqual(
    c.tests.map((t: any) => [t.score, t.max_score, t.status]),
    cases.map((k) => [k.points, k.maxPoints, k.status === "pass" ? "pass" : k.status === "fail" ? "fail" : "error"]),
  );
}

function checkGithub(o: Outputs, where: string): void {
  const lines = o.stdout.trimEnd().split("\n");
  const commands = lines.filter((line) => /^\s*::/.test(line));
  const short = o.json.functions.filter((fn) => fn.status !== "pass");
  assert.equal(commands.length, short.length, `${where}: one annotation per function that falls short`);
  short.forEach((fn, k) => {
    assert.match(commands[k], /^::error file=[^,:]+,(?:line=\d+,)?title=/, `${where}: ${commands[k].slice(0, 200)}`);
    assert.ok(commands[k].includes(`title=${fn.name} ${fn.score}/${fn.maxScore}%3A`), `${where}: ${fn.name} points in the title`);
  });
  for (const fn of o.json.functions)
    assert.ok(
      lines.some((line) => line.endsWith(` ${fn.name} ${fn.score}/${fn.maxScore}`)),
      `${where}: ${fn.name} line`,
    );
  assert.equal(lines.at(-1), `Total ${o.json.score}/${o.json.maxScore}`);
  for (const fn of o.json.functions)
    assert.match(o.summary, new RegExp(`\\| [✓✗!○] ${fn.name} \\| [^|]+ \\| ${fn.score}/${fn.maxScore} \\|`), `${where}: summary row`);
  assert.match(o.summary, new RegExp(`\\*\\*${o.json.score}/${o.json.maxScore}\\*\\*`));
}

/**
 * pass/, error/ and the injection samples; of fail/, all in CI (or with CONVGRADE_SLOW_TESTS), else the
 * first for each function (the same code paths: a quicker loop on two cores, about 20 s instead of 50).
 */
function agreementSamples(): Sample[] {
  const all = discoverSamples().filter((s) => !s.name.startsWith("hostile/") || s.name.startsWith("hostile/inject-"));
  if (process.env.CI || process.env.CONVGRADE_SLOW_TESTS) return all;
  const seen = new Set<string>();
  return all.filter((s) => {
    if (!s.name.startsWith("fail/")) return true;
    const fn = Object.keys(s.expected.functions)[0];
    if (seen.has(fn)) return false;
    seen.add(fn);
    return true;
  });
}

describe("every reporter agrees with json on every number", { concurrency: 2 }, () => {
  const samples = agreementSamples();
  test("there are samples of every outcome", () => assert.ok(["pass/", "fail/", "error/", "hostile/"].every((o) => samples.some((s) => s.name.startsWith(o)))));
  for (const sample of samples) {
    test(sample.name, async () => {
      const dir = buildSubmission(sample as Sample);
      try {
        const o = await gradeWithAll(dir, sample.name, [...(sample.expected.args ?? []), ...fixtureArgs()]);
        assert.equal(o.code, sample.expected.exitCode, `${sample.name}: exit code`);
        assert.equal(o.json.score, sum(o.json.functions.map((f) => f.score)));
        await checkJunit(o, sample.name);
        checkGradescope(o, sample.name);
        checkClassroom(o, sample.name);
        checkGithub(o, sample.name);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
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
    await checkJunit(o, "hidden");
    checkGradescope(o, "hidden");
    checkClassroom(o, "hidden");
    checkGithub(o, "hidden");
  });

  const fail = discoverSamples().find((s) => s.name === "fail/conv-forward-ceil") as Sample;
  test("--min-score: exit 0 means the threshold was reached", async () => {
    const dir = buildSubmission(fail);
    try {
      const json = JSON.parse((await runCli(["check", "--dir", dir, "--reporter", "json"], { CONVGRADE_CACHE_DIR: cacheDir })).stdout) as Report;
      assert.ok(json.score < json.maxScore);
      const exit = async (...args: string[]) => (await runCli(["check", "--dir", dir, "--reporter", "json", ...args], { CONVGRADE_CACHE_DIR: cacheDir })).code;
      assert.equal(await exit("--min-score", String(json.score)), 0);
      assert.equal(await exit("--min-score", String(json.score + 1)), 1);
      assert.equal(await exit("--min-score", "90%"), 0);
      assert.equal(await exit("--min-score", "100%"), 1);
      const above = await runCli(["check", "--dir", dir, "--min-score", String(json.maxScore + 1)], { CONVGRADE_CACHE_DIR: cacheDir });
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
      CONVGRADE_CACHE_DIR: cacheDir,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Total 108\/108|Total \d+\/\d+/);
    assert.deepEqual(readdirSync(out), ["classroom.json"]);
    const doc = JSON.parse(readFileSync(join(out, "classroom.json"), "utf8"));
    assert.equal(doc.status, "pass");
  });
});
