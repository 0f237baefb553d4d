// The submission's listing under its file limit: a folder of many files never crowds out the exercise
// files beside it, and a file the listing stopped short of is said so, never reported as not there.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { SUBMISSION_LIMITS } from "../../src/limits.ts";
import { readSubmission, TOO_MANY_FILES } from "../../src/submission/read.ts";

function folder(build: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "convgrade-read-"));
  build(dir);
  return dir;
}

test("a subfolder of more files than the limit does not hide the exercise files beside it", () => {
  const dir = folder((d) => {
    mkdirSync(join(d, "aaa"));
    for (let i = 0; i < SUBMISSION_LIMITS.maxFiles + 50; i++) writeFileSync(join(d, "aaa", `f${i}.ts`), `export const x = ${i};\n`);
    writeFileSync(join(d, "zero-pad.ts"), 'import { x } from "./aaa/f1";\nexport const zeroPad = () => x;\n');
  });
  try {
    const read = readSubmission(dir, [join(dir, "zero-pad.ts"), join(dir, "absent.ts")]);
    assert.deepEqual(read.get(join(dir, "zero-pad.ts")), {
      path: join(dir, "zero-pad.ts"),
      source: 'import { x } from "./aaa/f1";\nexport const zeroPad = () => x;\n',
    });
    assert.ok(read.get(join(dir, "aaa/f1.ts")) && "source" in read.get(join(dir, "aaa/f1.ts"))!);
    // A file that is not there is still simply not there.
    assert.equal(read.get(join(dir, "absent.ts")), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an exercise file the listing stopped short of is reported as not read for the limit, not as missing", () => {
  const dir = folder((d) => {
    for (let i = 0; i < SUBMISSION_LIMITS.maxFiles + 5; i++) writeFileSync(join(d, `a${String(i).padStart(4, "0")}.ts`), "export {};\n");
    writeFileSync(join(d, "zero-pad.ts"), "export const zeroPad = () => 0;\n");
  });
  try {
    const read = readSubmission(dir, [join(dir, "zero-pad.ts")]);
    assert.deepEqual(read.get(join(dir, "zero-pad.ts")), { path: join(dir, "zero-pad.ts"), problem: TOO_MANY_FILES });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an exercise file that is a folder is said to be one", () => {
  const dir = folder((d) => mkdirSync(join(d, "zero-pad.ts")));
  try {
    assert.deepEqual(readSubmission(dir, [join(dir, "zero-pad.ts")]).get(join(dir, "zero-pad.ts")), {
      path: join(dir, "zero-pad.ts"),
      problem: "it is a folder, not a file",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
