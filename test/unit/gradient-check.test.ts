import { test } from "node:test";
import assert from "node:assert/strict";
import { judgeGradient, lossOf, planGradientCheck, sampleIndices } from "../../src/grade/gradient-check.js";

type T2 = number[][];

// Forward f(X) = X ⊙ X (elementwise square), so with L = Σ f(X) ⊙ U the gradient is 2 X ⊙ U.
const square = (X: T2): T2 => X.map((row) => row.map((x) => x * x));
const X: T2 = [
  [0.5, -1.25, 2],
  [3, -0.75, 1.5],
];
const U: T2 = [
  [1, -2, 0.5],
  [0.25, 3, -1],
];

function losses(plan: ReturnType<typeof planGradientCheck>): number[] {
  return plan.calls.map((args) => lossOf(square(args[0] as T2), U) as number);
}

test("the exact gradient of a known function passes with a tiny relative error", () => {
  const plan = planGradientCheck([X], [{ arg: 0, gradient: "dX", output: -1 }], 20, 0, 1e-6);
  assert.equal(plan.coordinates.length, 6, "small tensors are checked at every coordinate");
  const verdict = judgeGradient(plan, losses(plan), (c) => 2 * X[c.index[0]][c.index[1]] * U[c.index[0]][c.index[1]], 1e-6, 1e-7);
  assert.equal(verdict.passed, true);
  assert.ok(verdict.relativeError < 1e-8, `relative error ${verdict.relativeError}`);
});

test("a wrong gradient fails and names the worst coordinate", () => {
  const plan = planGradientCheck([X], [{ arg: 0, gradient: "dX", output: -1 }], 20, 0, 1e-6);
  // Forgets the factor 2 at one coordinate only.
  const wrong = (c: { index: number[] }) => {
    const [i, j] = c.index;
    return (i === 1 && j === 1 ? 1 : 2) * X[i][j] * U[i][j];
  };
  const verdict = judgeGradient(plan, losses(plan), wrong, 1e-6, 1e-7);
  assert.equal(verdict.passed, false);
  assert.deepEqual(verdict.worst?.coordinate.index, [1, 1]);
  assert.match(verdict.message ?? "", /worst at dX\[1,1\]: your backward gives -2.25, central differences give -4.5/);
});

test("large tensors are sampled deterministically, without repeats", () => {
  const shape = [10, 5, 7, 4];
  const a = sampleIndices(shape, 20, 3);
  const b = sampleIndices(shape, 20, 3);
  assert.deepEqual(a, b);
  assert.equal(new Set(a.map((i) => i.join())).size, 20);
  for (const index of a) index.forEach((v, axis) => assert.ok(v >= 0 && v < shape[axis]));
  assert.notDeepEqual(sampleIndices(shape, 20, 4), a);
});

test("perturbed calls leave the original arguments untouched", () => {
  const args = [structuredClone(X)];
  const plan = planGradientCheck(args, [{ arg: 0, gradient: "dX", output: -1 }], 2, 1, 0.5);
  assert.deepEqual(args[0], X);
  const [plus, minus] = plan.calls;
  const [i, j] = plan.coordinates[0].index;
  assert.equal((plus[0] as T2)[i][j], X[i][j] + 0.5);
  assert.equal((minus[0] as T2)[i][j], X[i][j] - 0.5);
});

test("the loss refuses outputs of the wrong shape or with non-finite values", () => {
  assert.equal(lossOf([[1, 2, 3]], U), undefined);
  assert.equal(lossOf([[1, 2, Number.NaN], [1, 1, 1]], U), undefined);
  assert.equal(lossOf(U, U), 1 + 4 + 0.25 + 0.0625 + 9 + 1);
});
