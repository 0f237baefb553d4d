// The early start reads the flags the full CLI will, -d included, and starts nothing for anything else.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DiskCache } from "../../src/cache.ts";
import { program } from "../../src/cli/main.ts";
import { CHECK_OPTIONS, prestart } from "../../src/cli/prestart.ts";
import { EXERCISES } from "../../src/exercises.ts";
import { TranspilerPool, transpileSubmission } from "../../src/submission/transpile.ts";
import { ROOT } from "../helpers/samples.ts";

test("check with -d, --dir or --dir= starts a sandbox per function to grade (whatever --jobs is); --help, other commands and bad limits start nothing", async () => {
  const cases: [string[], number][] = [
    [["check", "-d", "test/submissions/pass/loops"], 8],
    [["check", "--dir=test/submissions/pass/loops", "--jobs", "2"], 8],
    [["check", "zero_pad", "--dir=test/submissions/pass/loops", "--jobs", "3"], 1],
    [["check", "zero_pad", "--dir", "test/submissions/pass/loops"], 1],
    [["check", "zero_pad", "poolBackward", "--dir", "test/submissions/pass/loops"], 2],
    [["check", "-d", "no/such/folder"], 0],
    [["check", "-d", "test/submissions/pass/loops", "--memory", "4"], 0],
    [["check", "--help"], 0],
    [["check", "-h"], 0],
    [["frobnicate"], 0],
  ];
  for (const [argv, count] of cases) {
    const { sandboxes, transpiler } = prestart(argv);
    try {
      assert.equal(sandboxes.length, count, argv.join(" "));
      if (count === 0) assert.equal(transpiler, undefined, argv.join(" "));
    } finally {
      // Even when it fails: a sandbox or worker left running would hold this test process open.
      transpiler?.close();
      await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
    }
  }
});

test("the transpiler's worker starts early only when a file of the submission is not in the transpile cache (or there is none)", async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "convgrade-prestart-"));
  const saved = process.env.CONVGRADE_CACHE_DIR;
  process.env.CONVGRADE_CACHE_DIR = cacheDir;
  const started = (argv: string[]) => {
    const { sandboxes, transpiler } = prestart(argv);
    transpiler?.close();
    void Promise.all(sandboxes.map((sandbox) => sandbox.close()));
    return transpiler !== undefined;
  };
  try {
    const dir = join(ROOT, "test/submissions/pass/loops");
    assert.equal(started(["check", "--dir", dir]), true, "an empty cache");
    const pool = new TranspilerPool();
    await transpileSubmission(
      dir,
      EXERCISES.map((exercise) => join(dir, exercise.file)),
      new DiskCache(cacheDir),
      undefined,
      pool,
    );
    pool.close();
    assert.equal(started(["check", "--dir", dir]), false, "every file cached");
    assert.equal(started(["check", "--dir", dir, "--no-cache"]), true, "--no-cache");
  } finally {
    if (saved === undefined) delete process.env.CONVGRADE_CACHE_DIR;
    else process.env.CONVGRADE_CACHE_DIR = saved;
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test("the early start knows every option of check that takes a value, so that no value is taken for a function's name", () => {
  const check = program().commands.find((command) => command.name() === "check");
  assert.ok(check);
  const takingValues = check.options.filter((option) => option.required || option.optional).map((option) => option.attributeName());
  const known = Object.entries(CHECK_OPTIONS)
    .filter(([, option]) => option.type === "string")
    .map(([name]) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()));
  assert.deepEqual([...known].sort(), [...takingValues].sort());
  // `check --reporter json`: eight sandboxes, not one for a function named "json".
  const { sandboxes, transpiler } = prestart(["check", "--reporter", "json", "--dir", "test/submissions/pass/loops"]);
  transpiler?.close();
  void Promise.all(sandboxes.map((sandbox) => sandbox.close()));
  assert.equal(sandboxes.length, 8);
});
