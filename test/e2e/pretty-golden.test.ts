// The pretty report, compared whole with stored golden files after normalising what varies between
// runs (the temporary submission folder). UPDATE_GOLDEN=1 rewrites the golden files.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-golden-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

function overlay(sample: string): string {
  const dir = join(work, sample.replace(/\//g, "-"));
  cpSync(join(ROOT, "test/submissions/pass/loops"), dir, { recursive: true });
  cpSync(join(ROOT, "test/submissions", sample), dir, { recursive: true, filter: (path) => !path.endsWith("expected.json") });
  return dir;
}

function normalise(text: string, dir: string): string {
  return text.split(relative(ROOT, dir)).join("<submission>");
}

const GOLDEN: Array<{ name: string; dir: () => string; args?: string[]; code: number }> = [
  { name: "stubs", dir: () => join(ROOT, "exercises"), code: 1 },
  { name: "fail-conv-forward-stride-left-out", dir: () => overlay("fail/conv-forward-stride-left-out"), code: 1 },
  { name: "error-syntax-error", dir: () => overlay("error/syntax-error"), code: 1 },
  { name: "hostile-infinite-loop", dir: () => overlay("hostile/infinite-loop"), args: ["--timeout", "500"], code: 1 },
];

for (const golden of GOLDEN) {
  test(`pretty output: ${golden.name}`, async () => {
    const dir = golden.dir();
    const run = await runCli(["check", "--dir", dir, ...(golden.args ?? [])]);
    assert.equal(run.code, golden.code, run.stderr);
    const file = join(ROOT, "test/e2e/golden", `${golden.name}.txt`);
    const actual = normalise(run.stdout, dir);
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
    assert.equal(actual, readFileSync(file, "utf8"));
  });
}
