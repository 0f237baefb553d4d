// The submission is read by the grader and transpiled under time limits: only what the exercises
// import is read, and a file that makes the transpiler run for minutes fails only its importers.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DiskCache } from "../../src/cache.ts";
import { importedSpecifiers, readSubmission } from "../../src/submission/read.ts";
import { TranspilerPool, transformOptions, transpileKey, transpileSubmission } from "../../src/submission/transpile.ts";

const work = mkdtempSync(join(tmpdir(), "convgrade-transpile-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

/** About 50 ms of sucrase per line on an idle machine: nested '<' it must backtrack over. */
const slowLines = (n: number) => `let x = ${"a<".repeat(1000)}b;\n`.repeat(n);
/**
 * The slow files take about 10 s each uncut, far above the limits below, so the bounds on the time taken
 * can be loose enough for a loaded machine and still tell a limit kept from one not kept.
 */
const SLOW = slowLines(200);
const LOOSE_MS = 5000;

/** A pool whose worker has started: the first file's limit then times the transform, not the worker's start-up. */
async function warmPool(): Promise<TranspilerPool> {
  const pool = new TranspilerPool();
  assert.ok(typeof (await pool.transform("export {};", transformOptions("/warm.ts"), 60_000)) === "object", "the worker started");
  return pool;
}

test("import, export-from, import() and require() with string literals are found; others are not guessed", () => {
  const source = `import { a } from "./a";\nimport type { T } from './types.js';\nexport * from "./b.ts";\nconst c = require("./c");\nconst d = await import("./d");\nimport "./e";\nimport fs from "node:fs";\nrequire(name);`;
  assert.deepEqual(importedSpecifiers(source).sort(), ["./a", "./b.ts", "./c", "./d", "./e", "./types.js"]);
});

test("only the entry files and what they import are read", () => {
  const dir = mkdtempSync(join(work, "reach-"));
  writeFileSync(join(dir, "entry.ts"), `import { h } from "./helper.js";\nexport const e = h;`);
  writeFileSync(join(dir, "helper.ts"), `export const h = 1;`);
  writeFileSync(join(dir, "unused.ts"), `export const u = 1;`);
  const read = readSubmission(dir, [join(dir, "entry.ts"), join(dir, "missing.ts")]);
  assert.deepEqual([...read.keys()].sort(), [join(dir, "entry.ts"), join(dir, "helper.ts")]);
});

test("a file the transpiler is too slow on fails alone, within the limit, and unused slow files cost nothing", async () => {
  const dir = mkdtempSync(join(work, "slow-"));
  writeFileSync(join(dir, "entry.ts"), `import { s } from "./slow";\nexport const e: number = 1;`);
  writeFileSync(join(dir, "other.ts"), `export const o: number = 2;`);
  writeFileSync(join(dir, "slow.ts"), SLOW);
  for (const name of ["unused-1.ts", "unused-2.ts", "unused-3.ts"]) writeFileSync(join(dir, name), SLOW);
  // entry.ts and other.ts come first (breadth first), each well within 400 ms on the warm worker.
  const pool = await warmPool();
  const started = performance.now();
  const limits = { perFileMs: 400, totalMs: 5000 };
  const { files } = await transpileSubmission(dir, [join(dir, "entry.ts"), join(dir, "other.ts")], new DiskCache(undefined), limits, pool).finally(() =>
    pool.close(),
  );
  const ms = performance.now() - started;
  assert.ok("code" in files[join(dir, "entry.ts")]);
  assert.ok("code" in files[join(dir, "other.ts")]);
  const slow = files[join(dir, "slow.ts")];
  assert.ok("unusable" in slow && /gave up on it after 400 ms/.test(slow.unusable), JSON.stringify(slow));
  assert.equal(files[join(dir, "unused-1.ts")], undefined);
  // Uncut, the slow file alone takes seconds, and the unused ones would add theirs.
  assert.ok(ms < LOOSE_MS, `took ${ms} ms`);
});

test("loading the transpiler is not a file's time: a worker that takes a second to load still transpiles within 400 ms", async () => {
  const dir = mkdtempSync(join(work, "load-"));
  writeFileSync(join(dir, "entry.ts"), `export const e: number = 1;\n`);
  // The real worker, loaded after a one-second wait: were loading counted, the file would be given up on.
  const slowWorker = join(dir, "slow-worker.mjs");
  const realWorker = pathToFileURL(fileURLToPath(new URL("../../dist/submission/transpile-worker.cjs", import.meta.url))).href;
  writeFileSync(slowWorker, `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);\nawait import(${JSON.stringify(realWorker)});\n`);
  const pool = new TranspilerPool(pathToFileURL(slowWorker));
  const { files } = await transpileSubmission(dir, [join(dir, "entry.ts")], new DiskCache(undefined), { perFileMs: 400, totalMs: 400 }, pool).finally(() =>
    pool.close(),
  );
  assert.ok("code" in files[join(dir, "entry.ts")], JSON.stringify(files[join(dir, "entry.ts")]));
  assert.ok(pool.startupMs >= 1000, `loading took ${pool.startupMs} ms`);
});

test("the whole submission shares one time budget", async () => {
  const dir = mkdtempSync(join(work, "budget-"));
  const names = ["a.ts", "b.ts", "c.ts", "d.ts"];
  writeFileSync(join(dir, "entry.ts"), names.map((name) => `import "./${name}";`).join("\n"));
  for (const name of names) writeFileSync(join(dir, name), SLOW);
  const pool = await warmPool();
  const started = performance.now();
  const loadedBefore = pool.startupMs;
  const { files } = await transpileSubmission(dir, [join(dir, "entry.ts")], new DiskCache(undefined), { perFileMs: 400, totalMs: 900 }, pool).finally(() =>
    pool.close(),
  );
  // Loading the transpiler again after each file it gave up on is the harness's time, not the budget's.
  const ms = performance.now() - started - (pool.startupMs - loadedBefore);
  const reasons = names.map((name) => (files[join(dir, name)] as { unusable?: string }).unusable ?? "");
  assert.ok(
    reasons.every((reason) => /gave up|took more than/.test(reason)),
    reasons.join("\n"),
  );
  assert.ok(
    reasons.some((reason) => /took more than 0.9 s/.test(reason)),
    reasons.join("\n"),
  );
  // Uncut, each file takes seconds; 4 × 400 ms would be the per-file limit alone (the message above tells them apart).
  assert.ok(ms < LOOSE_MS, `took ${ms} ms`);
});

test("the cache keys on content, not on the path: a copy in another folder is a hit, errors still line-exact", async () => {
  const first = mkdtempSync(join(work, "first-"));
  writeFileSync(join(first, "entry.ts"), `import { broken } from "./broken";\nexport const e: number = broken;\n`);
  writeFileSync(join(first, "broken.ts"), `export const broken = 1;\n\nexport const oops: number = ;\n`);
  const copy = join(mkdtempSync(join(work, "copy-")), "elsewhere");
  cpSync(first, copy, { recursive: true });
  const cache = new DiskCache(join(work, "content-cache"));
  // Limits far above what two small files take, on a warm worker: this test is about the cache, not the limits.
  const pool = await warmPool();
  const cold = await transpileSubmission(first, [join(first, "entry.ts")], cache, { perFileMs: 60_000, totalMs: 60_000 }, pool).finally(() => pool.close());
  assert.equal(readdirSync(join(work, "content-cache", "transpiled")).length, 2, "one entry per file");
  // A transpiler that fails the test if it is asked anything: every file of the copy must come from the cache.
  const refuses = new (class extends TranspilerPool {
    override transform(): never {
      throw new Error("transpiled again: the copy missed the cache");
    }
  })();
  const warm = await transpileSubmission(copy, [join(copy, "entry.ts")], cache, undefined, refuses);
  for (const name of ["entry.ts", "broken.ts"]) assert.deepEqual(warm.files[join(copy, name)], cold.files[join(first, name)], name);
  const error = warm.files[join(copy, "broken.ts")];
  assert.ok("syntaxError" in error && error.syntaxError.line === 3, JSON.stringify(error));
  assert.doesNotMatch(JSON.stringify(warm.files), new RegExp(first), "no entry names the folder it was made in");
  assert.ok("code" in warm.files[join(copy, "entry.ts")]);
});

test("the cache key holds the transpiler's options: a .tsx file keeps its path (JSX reads the name), .ts and .js do not", () => {
  const source = "export const x = 1;\n";
  assert.equal(transpileKey(source, transformOptions("/a/x.ts")), transpileKey(source, transformOptions("/b/y.ts")));
  assert.notEqual(transpileKey(source, transformOptions("/a/x.ts")), transpileKey(source, transformOptions("/a/x.js")));
  assert.notEqual(transpileKey(source, transformOptions("/a/x.tsx")), transpileKey(source, transformOptions("/b/x.tsx")));
  assert.equal(transformOptions("/a/x.tsx").filePath, "/a/x.tsx");
  assert.equal(transformOptions("/a/x.ts").filePath, undefined);
});
