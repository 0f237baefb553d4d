// Hidden cases (CI's private fixtures): only name, status and points reach any reporter, and the sandbox
// cannot read the fixture files to forge answers.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-hidden-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

// Private fixtures: the shipped distributeValue cases plus a secret one, all hidden but the first.
const fixtures = join(work, "private");
cpSync(join(ROOT, "fixtures"), fixtures, { recursive: true });
const fixtureFile = join(fixtures, "distribute-value.json");
const fixture = JSON.parse(readFileSync(fixtureFile, "utf8"));
// Second, so that the pretty reporter lists it before it shortens a long list of failures.
fixture.cases.splice(1, 0, { name: "secret case", args: [7.123456, [3, 5]], expected: Array.from({ length: 3 }, () => Array(5).fill(7.123456 / 15)) });
fixture.cases.forEach((c: { visibility?: string }, i: number) => (c.visibility = i === 0 ? "visible" : "hidden"));
writeFileSync(fixtureFile, JSON.stringify(fixture));

// A submission that tries to read the private fixtures to copy the expected values, and otherwise
// answers wrongly while printing and throwing its inputs.
const submission = join(work, "submission");
cpSync(join(ROOT, "test/submissions/pass/loops"), submission, { recursive: true });
writeFileSync(
  join(submission, "distribute-value.ts"),
  `export function distributeValue(dz: number, shape: [number, number]): number[][] {
  try {
    const stolen = JSON.parse(require("node:fs").readFileSync(${JSON.stringify(fixtureFile)}, "utf8"));
    for (const c of stolen.cases) if (c.args[0] === dz) return c.expected;
  } catch (error) {
    console.log("could not read the fixtures: " + (error as Error).message);
  }
  console.log("LEAK dz=" + dz + " shape=" + shape.join("x"));
  if (dz === 7.123456) throw new Error("LEAK via message " + dz);
  return Array.from({ length: shape[0] }, () => Array(shape[1]).fill(dz + 1));
}
`,
);

test("json: hidden cases carry no message or hint, and the forged read fails", async () => {
  const run = await runCli(["check", "distribute_value", "--dir", submission, "--fixtures", fixtures, "--reporter", "json"]);
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  const fn = report.functions[0];
  assert.equal(fn.name, "distributeValue");
  assert.equal(fn.score, 0, "reading the fixtures must fail, so no case can be forged");
  const hidden = fn.cases.filter((c: { hidden: boolean }) => c.hidden);
  assert.equal(hidden.length, fixture.cases.length - 1);
  for (const c of hidden) {
    assert.deepEqual(Object.keys(c).sort(), ["hidden", "maxPoints", "name", "points", "status"]);
    assert.notEqual(c.status, "pass");
  }
  const secret = fn.cases.find((c: { name: string }) => c.name === "secret case");
  // It threw, but a hidden case says only that it failed: how it failed would be one more bit of its inputs.
  assert.equal(secret.status, "fail");
  // The visible case keeps its explanation.
  assert.match(fn.cases[0].message, /differs from the expected values/);
  // Output printed during hidden cases is withheld; output of visible ones is kept.
  assert.match(fn.output, /could not read the fixtures: cannot import 'node:fs'/);
  assert.match(fn.output, /LEAK dz=2 shape=2x2/);
  assert.match(fn.output, /output printed during hidden cases, if any, is not shown/);
  assert.doesNotMatch(run.stdout, /7\.123456|LEAK dz=100|LEAK via message|0\.4748970/);
});

test("pretty and junit: hidden inputs, expected values and messages never appear", async () => {
  for (const reporter of ["pretty", "junit"]) {
    const run = await runCli(["check", "distribute_value", "--dir", submission, "--fixtures", fixtures, "--reporter", reporter]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /secret case/);
    assert.doesNotMatch(run.stdout, /7\.123456|LEAK dz=100|LEAK via message|0\.4748970/, reporter);
  }
});
