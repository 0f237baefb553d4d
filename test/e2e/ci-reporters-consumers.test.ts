/**
 * End-to-end: real submissions graded with the CI reporters, each output read by its consumer's rules
 * (GitHub Classroom's reporter, GitLab's and Jenkins's JUnit parsers: ports pinned to a commit in
 * test/helpers/consumers/; Gradescope: its documented rules), against the JSON report of the same run:
 * the points and statuses a learner would see.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { Report } from "../../src/result.js";
import { classroomPoints, consoleLog, readRunners, stepFails } from "../helpers/consumers/classroom-reporter.js";
import { gitlabSummary, gitlabTestCases } from "../helpers/consumers/gitlab-junit.js";
import { gradescopeView } from "../helpers/consumers/gradescope-results.js";
import { jenkinsCases } from "../helpers/consumers/jenkins-junit.js";
import { buildSubmission, discoverSamples, runCli, TEST_CACHE_DIR } from "../helpers/samples.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-consumers-"));
after(() => rmSync(work, { recursive: true, force: true }));

for (const name of ["pass/loops", "fail/conv-forward-ceil", "error/syntax-error"]) {
  test(`${name}: every consumer sees the JSON report's points and statuses`, async () => {
    const sample = discoverSamples().find((s) => s.name === name)!;
    const dir = buildSubmission(sample);
    const out = join(work, name.replace(/\W/g, "_"));
    const run = await runCli(
      [
        "check",
        "--dir",
        dir,
        "--reporter",
        `json:${out}/report.json`,
        "--reporter",
        `junit:${out}/junit.xml`,
        "--reporter",
        `gradescope:${out}/results.json`,
        "--reporter",
        "classroom",
      ],
      120_000,
      { GITHUB_OUTPUT: join(work, `${name.replace(/\W/g, "_")}.output`), CI: "true", CONVGRADE_CACHE_DIR: TEST_CACHE_DIR },
    );
    rmSync(dir, { recursive: true, force: true });
    assert.equal(run.code, sample.expected.exitCode, run.stderr);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Report;
    const cases = report.functions.flatMap((f) => [...f.cases, ...f.gradientChecks]);
    const passes = cases.filter((c) => c.status === "pass").length;

    const output = readFileSync(join(work, `${name.replace(/\W/g, "_")}.output`), "utf8").trim();
    const runs = readRunners("convgrade", { CONVGRADE_RESULTS: output.slice("result=".length) });
    assert.equal(classroomPoints(runs), `Points ${report.score}/${report.maxScore}`);
    assert.equal(stepFails(runs), report.score === report.maxScore ? undefined : "Some tests failed.");
    assert.equal(consoleLog(runs).passed, `Grand total tests passed: ${passes}/${cases.length}`);

    const junit = readFileSync(join(out, "junit.xml"), "utf8");
    assert.deepEqual(gitlabSummary(gitlabTestCases(junit)), {
      total: cases.length,
      failed: cases.filter((c) => c.status === "fail").length,
      error: cases.filter((c) => c.status === "error" || c.status === "timeout").length,
      skipped: 0,
      success: passes,
    });
    const jenkins = jenkinsCases(junit);
    assert.equal(jenkins.filter((c) => c.passed).length, passes);
    assert.equal(jenkins.filter((c) => c.failed).length, cases.length - passes);

    const view = gradescopeView(JSON.parse(readFileSync(join(out, "results.json"), "utf8")), { published: false, afterDueDate: false });
    assert.equal(view.total, report.score, "no hidden case: the learner sees the total at once");
    assert.equal(view.tests.filter((t) => t.passed).length, passes);
  });
}
