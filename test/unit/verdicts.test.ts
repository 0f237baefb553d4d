// Verdicts kept between a learner's checks (src/run/verdicts.ts): reused only on exactly the inputs
// they were graded on, never kept when the machine decided them.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DiskCache } from "../../src/cache.ts";
import { mayReuseVerdicts } from "../../src/cli/verdict-policy.ts";
import { exerciseNamed } from "../../src/exercises.ts";
import type { Fixture } from "../../src/fixtures/load.ts";
import type { FunctionResult } from "../../src/result.ts";
import { keepVerdict, keptVerdict, type VerdictScope } from "../../src/run/verdicts.ts";
import type { SourceFile } from "../../src/sandbox/protocol.ts";

const DIR = "/sub";
const fixture = { exercise: exerciseNamed("convForward"), file: "fixtures/conv-forward.json", cases: [], gradientChecks: [], hash: "f1" } satisfies Fixture;
const result: FunctionResult = {
  name: "convForward",
  snakeName: "conv_forward",
  file: "sub/conv-forward.ts",
  status: "pass",
  score: 3,
  maxScore: 3,
  cases: [{ name: "a", status: "pass", points: 3, maxPoints: 3, hidden: false }],
  gradientChecks: [],
  durationMs: 120,
};

function files(overrides: Record<string, SourceFile> = {}): Record<string, SourceFile> {
  return {
    [`${DIR}/conv-forward.ts`]: { code: 'var _zeropad = require("./zero-pad"); exports.convForward = () => 1;' },
    [`${DIR}/zero-pad.ts`]: { code: "exports.zeroPad = () => 0;" },
    [`${DIR}/pool-forward.ts`]: { code: "exports.poolForward = () => 2;" },
    ...overrides,
  };
}

/** The sources as read (only their text matters to the key). */
const SOURCES = new Map([[`${DIR}/conv-forward.ts`, 'import "./zero-pad";\nexport const convForward = (): number => 1;\n']]);

function withScope(run: (scope: (changes?: Partial<VerdictScope>) => VerdictScope) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "convgrade-verdicts-"));
  try {
    const cache = new DiskCache(dir);
    run((changes = {}) => ({ cache, build: "b1", dir: DIR, cwd: "/", timeoutMs: 2500, memoryMb: 256, files: files(), sources: SOURCES, ...changes }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a kept verdict comes back, marked cached, on the same inputs; a change to a file the function cannot load does not matter", () => {
  withScope((scope) => {
    assert.equal(keptVerdict(scope(), fixture), undefined);
    keepVerdict(scope(), fixture, [], result);
    assert.deepEqual(keptVerdict(scope(), fixture), { ...result, cached: true });
    const otherChanged = files({ [`${DIR}/pool-forward.ts`]: { code: "exports.poolForward = () => 3;" } });
    assert.deepEqual(keptVerdict(scope({ files: otherChanged }), fixture), { ...result, cached: true });
  });
});

test("any input the verdict depends on, changed, is a miss", () => {
  withScope((scope) => {
    keepVerdict(scope(), fixture, [], result);
    const misses: [string, VerdictScope, Fixture][] = [
      ["its own file", scope({ files: files({ [`${DIR}/conv-forward.ts`]: { code: 'require("./zero-pad"); exports.convForward = () => 2;' } }) }), fixture],
      ["a file it imports", scope({ files: files({ [`${DIR}/zero-pad.ts`]: { code: "exports.zeroPad = () => 1;" } }) }), fixture],
      ["an import now a syntax error", scope({ files: files({ [`${DIR}/zero-pad.ts`]: { syntaxError: { message: "x" } } }) }), fixture],
      ["a new file (imports may resolve otherwise)", scope({ files: files({ [`${DIR}/zero-pad.js`]: { code: "" } }) }), fixture],
      ["the fixture's bytes", scope(), { ...fixture, hash: "f2" }],
      [
        "a source whose code is the same (a type annotation): code frames quote it",
        scope({ sources: new Map([[`${DIR}/conv-forward.ts`, 'import "./zero-pad";\nexport const convForward = (): 1 => 1;\n']]) }),
        fixture,
      ],
      ["another build of convgrade", scope({ build: "b2" }), fixture],
      ["the time limit", scope({ timeoutMs: 5000 }), fixture],
      ["the memory limit", scope({ memoryMb: 512 }), fixture],
      ["the submission folder", scope({ dir: "/other" }), fixture],
      ["the working folder (paths in the report are relative to it)", scope({ cwd: "/sub" }), fixture],
    ];
    for (const [what, changed, fx] of misses) assert.equal(keptVerdict(changed, fx), undefined, what);
    assert.equal(keptVerdict(scope(), { ...fixture, exercise: exerciseNamed("zeroPad") }), undefined, "another function");
  });
});

test("each version of the code keeps its own verdict: a change undone finds the old one", () => {
  withScope((scope) => {
    const changed = scope({ files: files({ [`${DIR}/zero-pad.ts`]: { code: "exports.zeroPad = () => 1;" } }) });
    keepVerdict(scope(), fixture, [], result);
    const other = { ...result, status: "fail" as const, score: 0 };
    keepVerdict(changed, fixture, [], other);
    assert.deepEqual(keptVerdict(changed, fixture), { ...other, cached: true });
    assert.deepEqual(keptVerdict(scope(), fixture), { ...result, cached: true });
  });
});

test("files the realm reported loading count, and a computed import makes every file count", () => {
  withScope((scope) => {
    keepVerdict(scope(), fixture, [`${DIR}/pool-forward.ts`], result);
    const poolChanged = files({ [`${DIR}/pool-forward.ts`]: { code: "exports.poolForward = () => 3;" } });
    assert.equal(keptVerdict(scope({ files: poolChanged }), fixture), undefined);
  });
  withScope((scope) => {
    const computed = files({ [`${DIR}/conv-forward.ts`]: { code: 'const name = "./pool-" + "forward"; require(name); exports.convForward = () => 1;' } });
    keepVerdict(scope({ files: computed }), fixture, [], result);
    assert.ok(keptVerdict(scope({ files: computed }), fixture));
    const alsoPool = { ...computed, [`${DIR}/pool-forward.ts`]: { code: "exports.poolForward = () => 3;" } };
    assert.equal(keptVerdict(scope({ files: alsoPool }), fixture), undefined);
  });
});

test("files a sandbox claims to have loaded but was never given are not kept with the verdict (a process owned by learner code may claim anything)", () => {
  withScope((scope) => {
    const written: string[] = [];
    const spy = {
      ...scope(),
      cache: { get: () => undefined, set: (_bucket: string, _key: string, value: string) => void written.push(value) } as unknown as DiskCache,
    };
    const forged = Array.from({ length: 500 }, (_, i) => `${DIR}/${i}${"x".repeat(10_000)}.ts`);
    assert.equal(keepVerdict(spy, fixture, forged, result), true);
    assert.equal(written.length, 1);
    assert.ok(written[0].length < 5000, `an entry of ${written[0].length} characters`);
  });
});

test("verdicts the machine decided, or learner code that threw, are never kept", () => {
  const failing = (status: "timeout" | "error"): FunctionResult => ({
    ...result,
    status: "fail",
    score: 0,
    cases: [{ name: "a", status, points: 0, maxPoints: 3, hidden: false }],
  });
  for (const unrepeatable of [failing("timeout"), failing("error"), { ...result, status: "error" as const, score: 0 }]) {
    withScope((scope) => {
      keepVerdict(scope(), fixture, [], unrepeatable);
      assert.equal(keptVerdict(scope(), fixture), undefined);
    });
  }
  withScope((scope) => {
    const wrong: FunctionResult = { ...result, status: "fail", score: 0, cases: [{ name: "a", status: "fail", points: 0, maxPoints: 3, hidden: false }] };
    keepVerdict(scope(), fixture, [], wrong);
    assert.deepEqual(keptVerdict(scope(), fixture), { ...wrong, cached: true });
  });
});

test("a tampered or foreign entry is a miss, never an error", () => {
  withScope((scope) => {
    const s = scope();
    keepVerdict(s, fixture, [], result);
    // The key holding another function's verdict, or no file list.
    const forged = { ...s, cache: { get: () => JSON.stringify({ files: [], result: { ...result, name: "zeroPad" } }) } as unknown as DiskCache };
    assert.equal(keptVerdict(forged, fixture), undefined);
    const listless = { ...s, cache: { get: () => JSON.stringify({ result }) } as unknown as DiskCache };
    assert.equal(keptVerdict(listless, fixture), undefined);
    const garbage = { ...s, cache: { get: () => "{not json" } as unknown as DiskCache };
    assert.equal(keptVerdict(garbage, fixture), undefined);
  });
});

test("only a learner's check at a terminal reuses verdicts: not in CI, not into a pipe, not with --no-cache or --require-isolation", () => {
  const tty = { isTTY: true };
  assert.equal(mayReuseVerdicts({ cache: true }, tty, {}), true);
  assert.equal(mayReuseVerdicts({ cache: true }, tty, { CI: "true" }), false);
  assert.equal(mayReuseVerdicts({ cache: true }, { isTTY: false }, {}), false);
  assert.equal(mayReuseVerdicts({ cache: false }, tty, {}), false);
  assert.equal(mayReuseVerdicts({ cache: true, requireIsolation: true }, tty, {}), false);
});
