import assert from "node:assert/strict";
import { test } from "node:test";
import { exerciseNamed } from "../../src/exercises.js";
import * as gradients from "../../src/grade/gradient-check.js";
import { backwardArgs, gradientTargets, lossOf, relativeError } from "../../src/grade/gradient-check.js";
import { renderMismatch } from "../../src/grade/mismatch.js";

/** The verdict, with its words as the learner reads them. */
const judgeGradients = (...args: Parameters<typeof gradients.judgeGradients>) => {
  const verdict = gradients.judgeGradients(...args);
  return { ...verdict, message: verdict.mismatch && renderMismatch(verdict.mismatch) };
};

type T2 = number[][];

// Forward f(X) = X ⊙ X (elementwise square), so with L = Σ f(X) ⊙ U the gradient is 2 X ⊙ U.
const X: T2 = [
  [0.5, -1.25, 2],
  [3, -0.75, 1.5],
];
const U: T2 = [
  [1, -2, 0.5],
  [0.25, 3, -1],
];
const square = (A: T2): T2 => A.map((row) => row.map((x) => x * x));
const exact = X.map((row, i) => row.map((x, j) => 2 * x * U[i][j]));

/** Central differences of L through `square`, as the fixture generator stores them. */
function numeric(epsilon = 1e-6): T2 {
  return X.map((row, i) =>
    row.map((x, j) => {
      const at = (delta: number) => lossOf(square(X.map((r, a) => r.map((v, b) => (a === i && b === j ? x + delta : v)))), U) as number;
      return (at(epsilon) - at(-epsilon)) / (2 * epsilon);
    }),
  );
}

const alone = [{ arg: 0, gradient: "dX", output: -1 }];

test("the exact gradient passes against central differences with a tiny relative error", () => {
  const verdict = judgeGradients(alone, exact, [numeric()], 1e-7);
  assert.equal(verdict.passed, true);
  assert.ok(verdict.relativeError < 1e-8, `relative error ${verdict.relativeError}`);
});

test("a wrong gradient fails and names the worst coordinate", () => {
  const wrong = exact.map((row, i) => row.map((v, j) => (i === 1 && j === 1 ? v / 2 : v)));
  const verdict = judgeGradients(alone, wrong, [numeric()], 1e-7);
  assert.equal(verdict.passed, false);
  assert.match(
    verdict.message ?? "",
    /^dX: relative error .* exceeds 1e-7; worst at dX\[1,1\]: your backward gives -2.25, central differences of the reference forward give -4.5/,
  );
});

test("an all-zero gradient fails, and says so (0/0 is not agreement)", () => {
  const zeros = X.map((row) => row.map(() => 0));
  const verdict = judgeGradients(alone, zeros, [numeric()], 1e-7);
  assert.equal(verdict.passed, false);
  assert.equal(verdict.relativeError, 1);
  assert.match(verdict.message ?? "", /your dX is all zeros/);
  // A zero numerical gradient proves nothing, even when the learner's is zero too.
  const meaningless = judgeGradients(alone, zeros, [zeros], 1e-7);
  assert.equal(meaningless.passed, false);
  assert.ok(Number.isNaN(relativeError(zeros, zeros).error));
  assert.match(meaningless.message ?? "", /numerical gradient of dX in this check is zero/);
});

test("each gradient of a tuple is judged on its own: one wrong gradient fails beside right ones", () => {
  const targets = [
    { arg: 0, gradient: "dA", output: 0 },
    { arg: 1, gradient: "dB", output: 1 },
  ];
  const n = numeric();
  assert.equal(judgeGradients(targets, [exact, exact], [n, n], 1e-7).passed, true);
  const verdict = judgeGradients(targets, [exact, exact.map((row) => row.map((v) => v * 1.001))], [n, n], 1e-7);
  assert.equal(verdict.passed, false);
  assert.match(verdict.message ?? "", /^dB: relative error/);
});

test("a gradient of the wrong shape is reported as such", () => {
  const verdict = judgeGradients([{ ...alone[0], axes: ["a", "b"] }], [exact[0]], [numeric()], 1e-7);
  assert.equal(verdict.passed, false);
  assert.match(verdict.message ?? "", /dX has shape \(1,3\), expected \(2,3\): axis 0 \(a\) has length 1, expected 2/);
});

test("the backward call of a check: the cache is the forward's inputs, the mode follows it", () => {
  const conv = exerciseNamed("convBackward");
  const pool = exerciseNamed("poolBackward");
  assert.deepEqual(backwardArgs(conv, ["A", "W", "b", "hp"], "dZ"), ["dZ", ["A", "W", "b", "hp"]]);
  assert.deepEqual(backwardArgs(pool, ["A", "hp"], "dA"), ["dA", ["A", "hp"]]);
  assert.deepEqual(backwardArgs(pool, ["A", "hp", "average"], "dA"), ["dA", ["A", "hp"], "average"]);
  assert.throws(() => backwardArgs(exerciseNamed("convForward"), [], "dZ"), /no gradient check/);
});

test("the gradients of a backward come from its record: names, axes, and where each is returned", () => {
  assert.deepEqual(
    gradientTargets(exerciseNamed("convBackward")).map(({ arg, gradient, output }) => [arg, gradient, output]),
    [
      [0, "dAPrev", 0],
      [1, "dW", 1],
      [2, "db", 2],
    ],
  );
  assert.deepEqual(gradientTargets(exerciseNamed("poolBackward")), [{ arg: 0, gradient: "dAPrev", axes: ["m", "nHPrev", "nWPrev", "nCPrev"], output: -1 }]);
  assert.deepEqual(gradientTargets(exerciseNamed("zeroPad")), []);
});

test("the loss refuses outputs of the wrong shape or with non-finite values", () => {
  assert.equal(lossOf([[1, 2, 3]], U), undefined);
  assert.equal(
    lossOf(
      [
        [1, 2, Number.NaN],
        [1, 1, 1],
      ],
      U,
    ),
    undefined,
  );
  assert.equal(lossOf(U, U), 1 + 4 + 0.25 + 0.0625 + 9 + 1);
});
