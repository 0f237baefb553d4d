import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { type Exercise, findExercise } from "../../src/exercises.js";
import { type BlameInput, blameSiblings, describeCall, importsSibling } from "../../src/grade/blame.js";
import type { CaseResult } from "../../src/result.js";
import type { CallItem } from "../../src/sandbox/protocol.js";

const distribute = findExercise("distributeValue")!;
const tolerance = { rtol: 1e-5, atol: 0 };
const failed = (name: string, hidden = false): CaseResult => ({
  name,
  status: "fail",
  points: 0,
  maxPoints: 1,
  hidden,
  message: "dAPrev differs",
  hint: "poolBackward's own hint",
});
const call = (dz: number) => ({
  function: "distributeValue" as const,
  args: [dz, [2, 2]],
  expected: [
    [dz / 4, dz / 4],
    [dz / 4, dz / 4],
  ],
});
/** A learner's distributeValue that rounds its share to 6 decimals, run "in the sandbox". */
const rounding = async (_sibling: Exercise, argsList: unknown[][]): Promise<CallItem[]> =>
  argsList.map(([dz], index) => {
    const share = Number(((dz as number) / 4).toFixed(6));
    return {
      type: "item",
      id: 0,
      index,
      ok: true,
      value: [
        [share, share],
        [share, share],
      ],
    };
  });
const fileOf = (sibling: Exercise) => `/sub/${sibling.file}`;

test("a wrong sibling is named on the failed cases whose recorded calls it gets wrong", async () => {
  const tiny: BlameInput = { result: failed("tiny"), siblingCalls: [call(0.5), call(1e-7)], tolerance };
  const other: BlameInput = { result: failed("other"), siblingCalls: [call(2)], tolerance };
  const passed: BlameInput = { result: { ...failed("passed"), status: "pass", message: undefined }, siblingCalls: [call(1e-7)], tolerance };
  const hidden: BlameInput = { result: failed("hidden", true), siblingCalls: [call(1e-7)], tolerance };
  await blameSiblings("poolBackward", [tiny, other, passed, hidden], fileOf, ["/sub/pool-backward.ts", "/sub/distribute-value.ts"], rounding);
  assert.match(
    tiny.result.message ?? "",
    /^poolBackward uses your distributeValue, which is wrong for dz = 1e-7, shape \(2,2\) \(a differs from the expected values at 4 of 4 elements; .*expected 2\.5e-8, got 0\): fix it first\. Here: dAPrev differs$/,
  );
  assert.equal(tiny.result.hint, undefined, "the function's own hint would point at the wrong code");
  // Its sample looked right (dz = 2), but the sibling is known to be wrong: a note, not a claim.
  assert.equal(
    other.result.message,
    'poolBackward uses your distributeValue, which is wrong (see "tiny"): fix it first, then check this again. Here: dAPrev differs',
  );
  assert.equal(passed.result.message, undefined);
  assert.equal(hidden.result.message, "dAPrev differs", "hidden cases get no message that could show their inputs");
});

test("a right sibling, or one the function does not import, is never blamed", async () => {
  const right = async (_s: Exercise, argsList: unknown[][]): Promise<CallItem[]> =>
    argsList.map(([dz], index) => ({
      type: "item",
      id: 0,
      index,
      ok: true,
      value: [
        [(dz as number) / 4, (dz as number) / 4],
        [(dz as number) / 4, (dz as number) / 4],
      ],
    }));
  const input: BlameInput = { result: failed("tiny"), siblingCalls: [call(1e-7)], tolerance };
  await blameSiblings("poolBackward", [input], fileOf, ["/sub/pool-backward.ts", "/sub/distribute-value.ts"], right);
  assert.equal(input.result.message, "dAPrev differs");
  assert.equal(input.result.hint, "poolBackward's own hint");
  let ran = false;
  await blameSiblings("poolBackward", [input], fileOf, ["/sub/pool-backward.ts"], async (...args) => {
    ran = true;
    return rounding(...args);
  });
  assert.equal(ran, false, "the sibling is not run when the realm did not load it");
  assert.equal(input.result.message, "dAPrev differs");
});

test("a sibling that throws or is not implemented is named as such", async () => {
  const throwing = async (_s: Exercise, argsList: unknown[][]): Promise<CallItem[]> =>
    argsList.map((_, index) => ({ type: "item", id: 0, index, ok: false, thrown: { name: "TypeError", message: "x", notImplemented: false } }));
  const input: BlameInput = { result: failed("c"), siblingCalls: [call(3)], tolerance };
  await blameSiblings("poolBackward", [input], fileOf, ["/sub/distribute-value.ts"], throwing);
  assert.match(input.result.message ?? "", /^poolBackward uses your distributeValue, which throws TypeError for dz = 3, shape \(2,2\): fix it first/);
});

test("did it import it: the realm's loaded files when known, else whether the sibling's file exists", () => {
  assert.equal(importsSibling(["/a/zero-pad.ts"], "/a/zero-pad.ts"), true);
  assert.equal(importsSibling(["/a/conv-forward.ts"], "/a/zero-pad.ts"), false);
  const dir = mkdtempSync(join(tmpdir(), "convgrade-blame-"));
  try {
    writeFileSync(join(dir, "zero-pad.ts"), "");
    assert.equal(importsSibling(undefined, join(dir, "zero-pad.ts")), true);
    assert.equal(importsSibling(undefined, join(dir, "conv-single-step.ts")), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("calls are described briefly: numbers and small tensors inline, large tensors by shape", () => {
  assert.equal(describeCall(distribute, [1e-7, [2, 2]]), "dz = 1e-7, shape (2,2)");
  assert.equal(
    describeCall(findExercise("createMaskFromWindow")!, [
      [
        [1, -0.5],
        [2, 0.123456789],
      ],
    ]),
    "x = [[1,-0.5],[2,0.12345679]]",
  );
  const X = [
    [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ],
    [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ],
  ];
  assert.equal(describeCall(findExercise("zeroPad")!, [X, 2]), "X of shape (2,2,2,2), pad = 2");
});
