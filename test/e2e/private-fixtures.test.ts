// Why private fixtures: a submission that hard-codes the public fixtures' outputs (a lookup table from the
// arguments to the expected value, gradient checks included) takes full marks on the public fixtures and
// nothing on a private set generated with `npm run fixtures -- --seed … --hidden`.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { buildPrivateFixtures } from "../../scripts/private-fixtures.js";
import { EXERCISES, fixtureFileName } from "../../src/exercises.js";
import { backwardArgs, gradientTargets } from "../../src/grade/gradient-check.js";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-private-e2e-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

/** Writes a submission whose every function looks its arguments up in the public fixtures. */
function writeLookupSubmission(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const exercise of EXERCISES) {
    const fixture = JSON.parse(readFileSync(join(ROOT, "fixtures", fixtureFileName(exercise)), "utf8"));
    const table: Record<string, unknown> = {};
    for (const kase of fixture.cases) table[JSON.stringify(kase.args)] = kase.expected;
    // A gradient check's answer is the stored numerical gradient itself (relative error 0).
    const alone = gradientTargets(exercise).some((target) => target.output < 0);
    for (const check of fixture.gradientChecks ?? [])
      table[JSON.stringify(backwardArgs(exercise, check.args, check.upstream))] = alone ? check.numericGradients[0] : check.numericGradients;
    const answer = exercise.cacheArgs ? `[hit, ${JSON.stringify(exercise.cacheArgs)}.map((i) => args[i])]` : "hit";
    writeFileSync(
      join(dir, exercise.file),
      `// Hard-codes the public fixtures: no computation at all.
const TABLE: Record<string, unknown> = ${JSON.stringify(table)};
export function ${exercise.name}(...args: unknown[]): any {
  const hit = TABLE[JSON.stringify(args)];
  if (hit === undefined) throw new Error("not one of the public cases");
  return ${answer};
}
`,
    );
  }
}

test("a submission that hard-codes the public fixtures passes them and fails a private set", async () => {
  const submission = join(work, "lookup");
  writeLookupSubmission(submission);
  const privateDir = join(work, "private");
  mkdirSync(privateDir);
  for (const [file, text] of Object.entries(buildPrivateFixtures({ seed: "2024".repeat(8), cases: 6, hidden: true })))
    writeFileSync(join(privateDir, file), text);

  const publicRun = await runCli(["check", "--dir", submission, "--reporter", "json", "--no-cache"]);
  assert.equal(publicRun.code, 0, publicRun.stdout.slice(0, 2000) + publicRun.stderr);
  const publicReport = JSON.parse(publicRun.stdout);
  assert.equal(publicReport.score, publicReport.maxScore);

  const privateRun = await runCli(["check", "--dir", submission, "--fixtures", privateDir, "--reporter", "json", "--no-cache"]);
  assert.equal(privateRun.code, 1, privateRun.stderr);
  const privateReport = JSON.parse(privateRun.stdout);
  assert.ok(privateReport.maxScore > 0);
  assert.equal(privateReport.score, 0);
  for (const fn of privateReport.functions) {
    assert.equal(fn.status, "fail", fn.name);
    for (const result of [...fn.cases, ...fn.gradientChecks]) {
      assert.deepEqual(Object.keys(result).sort(), ["hidden", "maxPoints", "name", "points", "status"]);
      assert.equal(result.status, "fail");
    }
  }
});

test("a correct submission takes full marks on a private set", async () => {
  const privateDir = join(work, "private-2");
  mkdirSync(privateDir);
  for (const [file, text] of Object.entries(buildPrivateFixtures({ seed: "77".repeat(16), cases: 8, hidden: true })))
    writeFileSync(join(privateDir, file), text);
  const run = await runCli(["check", "--dir", "test/submissions/pass/functional", "--fixtures", privateDir, "--reporter", "json", "--no-cache"]);
  assert.equal(run.code, 0, run.stdout.slice(0, 2000));
});
