/**
 * Every number published in /work/shared/course-values.md, asserted from the committed fixtures (and the
 * reference) to the printed digits: the fixtures that claim to be the course's cases really are.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { convBackwardWith } from "../../scripts/fixtures/mistakes/conv.js";
import { convBackward, convForward, poolForward } from "../../src/reference/index.js";
import { numpyMean } from "../../src/reference/numpy-sum.js";
import { leaves, shapeOf } from "../../src/tensor.js";
import type { ConvHParameters, PoolHParameters, Tensor4D } from "../../src/types.js";

interface Case {
  name: string;
  args: any[];
  expected: any;
}

function caseNamed(file: string, prefix: string): Case {
  const fixture = JSON.parse(readFileSync(new URL(`../../fixtures/${file}`, import.meta.url), "utf8"));
  const found = fixture.cases.filter((kase: Case) => kase.name.startsWith(prefix));
  assert.equal(found.length, 1, `${file}: expected one case named "${prefix}..."`);
  return found[0];
}

/**
 * actual equals a printed value to its printed digits: within half a unit of the last printed decimal,
 * and never tighter than 1e-12 relative (16-digit reprs are matched to ~1e-12, not to the last bit).
 */
function assertPrinted(actual: number, printed: string, what: string): void {
  const value = Number(printed);
  const decimals = printed.split(".")[1]?.length ?? 0;
  const tolerance = Math.max(0.5 * 10 ** -decimals, 1e-12 * Math.abs(value));
  assert.ok(Math.abs(actual - value) <= tolerance, `${what}: ${actual} does not print as ${printed}`);
}

/** Every element of a nested array matches the printed nested array, element by element. */
function assertPrintedArray(actual: unknown, printed: string, what: string): void {
  // Keep the printed digits as text: JSON.parse would lose how many decimals were shown.
  const texts = printed.match(/-?\d+(\.\d+)?/g) ?? [];
  const numbers = leaves(actual) as number[];
  assert.deepEqual(shapeOf(actual), shapeOf(JSON.parse(printed)), `${what}: shape`);
  texts.forEach((text, i) => assertPrinted(numbers[i], text, `${what}[${i}]`));
}

const ZERO_PAD = "zero-pad.json";
const CONV_FORWARD = "conv-forward.json";
const POOL_FORWARD = "pool-forward.json";

describe("zero_pad", () => {
  test("x = randn(4,3,3,2), pad 2: x_pad shape (4,7,7,2), x[1,1], x_pad[1,1] all zeros (7,2)", () => {
    const kase = caseNamed(ZERO_PAD, "course (2018-2020)");
    const [x, pad] = kase.args;
    assert.equal(pad, 2);
    assert.deepEqual(shapeOf(x), [4, 3, 3, 2]);
    assert.deepEqual(shapeOf(kase.expected), [4, 7, 7, 2]);
    assertPrintedArray(x[1][1], "[[0.90085595,-0.68372786],[-0.12289023,-0.93576943],[-0.26788808,0.53035547]]", "x[1,1]");
    assert.deepEqual(
      kase.expected[1][1],
      Array.from({ length: 7 }, () => [0, 0]),
    );
  });

  test("same x, pad 3 (2021+): shape (4,9,9,2)", () => {
    const kase = caseNamed(ZERO_PAD, "course (2021+)");
    assert.deepEqual(kase.args[0], caseNamed(ZERO_PAD, "course (2018-2020)").args[0]);
    assert.equal(kase.args[1], 3);
    assert.deepEqual(shapeOf(kase.expected), [4, 9, 9, 2]);
  });
});

describe("conv_single_step", () => {
  test("a, W = randn(4,4,3), b = randn(1,1,1): Z = -6.999089450680221, a plain number", () => {
    const kase = caseNamed("conv-single-step.json", "course: a, W = randn(4,4,3)");
    assert.deepEqual(kase.args.map(shapeOf), [
      [4, 4, 3],
      [4, 4, 3],
      [1, 1, 1],
    ]);
    assert.equal(typeof kase.expected, "number");
    // numpy's pairwise summation order (and numpy's exact draws) reproduce the repr to the last bit.
    assert.equal(kase.expected, -6.999089450680221);
  });

  test("seed 3, a, W = randn(5,5,3), b = randn(1,1,1) (2022+ tests): -3.5443670581382474", () => {
    const kase = caseNamed("conv-single-step.json", "course tests (2022+): seed 3");
    assert.deepEqual(kase.args.map(shapeOf), [
      [5, 5, 3],
      [5, 5, 3],
      [1, 1, 1],
    ]);
    assert.equal(typeof kase.expected, "number");
    assert.equal(kase.expected, -3.5443670581382474);
  });
});

describe("conv_forward", () => {
  test("2021+: A(2,5,7,4), pad 1, stride 2: mean(Z), Z[0,2,1], cache[0][1][2][3]", () => {
    const kase = caseNamed(CONV_FORWARD, "course (2021+)");
    const [A, W, b, hp] = kase.args as [Tensor4D, Tensor4D, Tensor4D, ConvHParameters];
    assert.deepEqual([A, W, b].map(shapeOf), [
      [2, 5, 7, 4],
      [3, 3, 4, 8],
      [1, 1, 1, 8],
    ]);
    assert.deepEqual(hp, { pad: 1, stride: 2 });
    assert.deepEqual(shapeOf(kase.expected), [2, 3, 4, 8]);
    assertPrinted(numpyMean(kase.expected), "0.5511276474566768", "mean(Z)");
    assertPrintedArray(kase.expected[0][2][1], "[-2.17796037,8.07171329,-0.5772704,3.36286738,4.48113645,-2.89198428,10.99288867,3.03171932]", "Z[0,2,1]");
    const [, cache] = convForward(A, W, b, hp);
    assertPrintedArray(cache[0][1][2][3], "[-1.1191154,1.9560789,-0.3264995,-1.34267579]", "cache[0][1][2][3]");
  });

  test("2020 v2a: A(10,5,7,4), pad 1, stride 2: mean(Z) 0.692360880758, Z[3,2,1]", () => {
    const kase = caseNamed(CONV_FORWARD, "course (2020 v2a)");
    assert.deepEqual(kase.args.slice(0, 3).map(shapeOf), [
      [10, 5, 7, 4],
      [3, 3, 4, 8],
      [1, 1, 1, 8],
    ]);
    assert.deepEqual(kase.args[3], { pad: 1, stride: 2 });
    assertPrinted(numpyMean(kase.expected), "0.692360880758", "mean(Z)");
    assertPrintedArray(kase.expected[3][2][1], "[-1.28912231,2.27650251,6.61941931,0.95527176,8.25132576,2.31329639,13.00689405,2.34576051]", "Z[3,2,1]");
  });

  test("2018 v2: A(10,4,4,3), W(2,2,3,8), pad 2, stride 2: mean(Z) 0.0489952035289", () => {
    const kase = caseNamed(CONV_FORWARD, "course (2018 v2)");
    assert.deepEqual(kase.args.slice(0, 3).map(shapeOf), [
      [10, 4, 4, 3],
      [2, 2, 3, 8],
      [1, 1, 1, 8],
    ]);
    assert.deepEqual(kase.args[3], { pad: 2, stride: 2 });
    assertPrinted(numpyMean(kase.expected), "0.0489952035289", "mean(Z)");
  });

  test("seed 3 tests (2022+): W(5,5,4,8), pad 6 on A(2,5,7,4): shape (2,13,15,8), mean -0.5384027772160062", () => {
    const kase = caseNamed(CONV_FORWARD, "course tests (seed 3): second W(5,5,4,8)");
    assert.deepEqual(kase.args.slice(0, 3).map(shapeOf), [
      [2, 5, 7, 4],
      [5, 5, 4, 8],
      [1, 1, 1, 8],
    ]);
    assert.deepEqual(kase.args[3], { pad: 6, stride: 1 });
    assert.deepEqual(shapeOf(kase.expected), [2, 13, 15, 8]);
    assertPrinted(numpyMean(kase.expected), "-0.5384027772160062", "mean(Z)");
    // Also printed by the same test file: cache_conv[0][1, 2], i.e. A_prev[1, 2].
    assertPrintedArray(
      kase.args[0][1][2],
      "[[1.98848968,1.19505834,-0.0952376,-0.52718778],[-0.32158469,0.15113037,-0.01862772,0.48352879]," +
        "[0.76896516,1.36624284,1.14726479,-0.11022916],[0.38825041,-0.38712718,-0.58722031,1.91082685]," +
        "[-0.45984615,1.99073781,-0.34903539,0.25282509],[1.08940955,0.02392202,0.39312528,-0.2413848]," +
        "[-0.47552486,-0.16577702,-0.64971742,1.63138295]]",
      "A_prev[1,2]",
    );
    // The same test file's shape check with the first W: pad 0, stride 2 gives (2,2,3,8).
    const pad0 = caseNamed(CONV_FORWARD, "course tests (seed 3): pad 0, stride 2");
    assert.deepEqual(pad0.args[0], kase.args[0]);
    assert.deepEqual(shapeOf(pad0.expected), [2, 2, 3, 8]);
  });
});

describe("pool_forward", () => {
  test("2021+: A(2,5,5,3), f 3, stride 1: A[1,1] in max and average modes", () => {
    const max = caseNamed(POOL_FORWARD, "course (2021+): A(2,5,5,3), f 3, stride 1, max");
    const average = caseNamed(POOL_FORWARD, "course (2021+): same A, f 3, stride 1, average");
    assert.deepEqual(shapeOf(max.args[0]), [2, 5, 5, 3]);
    assert.deepEqual(average.args[0], max.args[0]);
    assert.deepEqual(max.args[1], { f: 3, stride: 1 });
    assert.deepEqual(shapeOf(max.expected), [2, 3, 3, 3]);
    assertPrintedArray(
      max.expected[1][1],
      "[[1.96710175,0.84616065,1.27375593],[1.96710175,0.84616065,1.23616403],[1.62765075,1.12141771,1.2245077]]",
      "max A[1,1]",
    );
    assertPrintedArray(
      average.expected[1][1],
      "[[0.44497696,-0.00261695,-0.31040307],[0.50811474,-0.23493734,-0.23961183],[0.11872677,0.17255229,-0.22112197]]",
      "average A[1,1]",
    );
  });

  test("2018 v2: A(2,4,4,3), f 3, stride 2: the whole output in both modes", () => {
    const max = caseNamed(POOL_FORWARD, "course (2018 v2): A(2,4,4,3)");
    const average = caseNamed(POOL_FORWARD, "course (2018 v2): same A");
    assert.deepEqual(shapeOf(max.args[0]), [2, 4, 4, 3]);
    assert.equal(max.args.length, 2, "the 2018 max case leaves mode to its default");
    assertPrintedArray(max.expected, "[[[[1.74481176,0.86540763,1.13376944]]],[[[1.13162939,1.51981682,2.18557541]]]]", "max A");
    assertPrintedArray(average.expected, "[[[[0.02105773,-0.20328806,-0.40389855]]],[[[-0.22154621,0.51716526,0.48155844]]]]", "average A");
  });
});

describe("conv_backward", () => {
  const kase = caseNamed("conv-backward.json", "course (2018 v2)");
  const [dZ, cache] = kase.args as [Tensor4D, [Tensor4D, Tensor4D, Tensor4D, ConvHParameters]];

  test("dZ is Z of the 2018 v2 conv_forward case", () => {
    const forward = caseNamed(CONV_FORWARD, "course (2018 v2)");
    assert.deepEqual(cache, forward.args);
    assert.deepEqual(dZ, forward.expected);
  });

  test("mean(dA_prev) 1.45243777754, mean(dW) 1.72699145831, mean(db) 7.83923256462", () => {
    const [dAPrev, dW, db] = kase.expected;
    assert.deepEqual([dAPrev, dW, db].map(shapeOf), [
      [10, 4, 4, 3],
      [2, 2, 3, 8],
      [1, 1, 1, 8],
    ]);
    assertPrinted(numpyMean(dAPrev), "1.45243777754", "mean(dA_prev)");
    assertPrinted(numpyMean(dW), "1.72699145831", "mean(dW)");
    assertPrinted(numpyMean(db), "7.83923256462", "mean(db)");
    assert.deepEqual(convBackward(dZ, cache), kase.expected);
  });

  test("the 2018 fingerprint of stride left out of the backward slices: 0.6347704472654743, 1.5572657428497354", () => {
    const [dAPrev, dW] = convBackwardWith({ noStride: true })(dZ, cache);
    assertPrinted(numpyMean(dAPrev), "0.6347704472654743", "mutant mean(dA_prev)");
    assertPrinted(numpyMean(dW), "1.5572657428497354", "mutant mean(dW)");
  });
});

describe("create_mask_from_window", () => {
  test("x = randn(2,3): [[true,false,false],[false,false,false]]", () => {
    const kase = caseNamed("create-mask-from-window.json", "course: x = randn(2,3)");
    assert.deepEqual(shapeOf(kase.args[0]), [2, 3]);
    assert.deepEqual(kase.expected, [
      [true, false, false],
      [false, false, false],
    ]);
  });

  test("[[-1,2,3],[2,-3,2],[1,5,-2]]: the only true is at (2,1)", () => {
    const kase = caseNamed("create-mask-from-window.json", "course: [[-1,2,3]");
    assert.deepEqual(kase.args[0], [
      [-1, 2, 3],
      [2, -3, 2],
      [1, 5, -2],
    ]);
    assert.deepEqual(kase.expected, [
      [false, false, false],
      [false, false, false],
      [false, true, false],
    ]);
  });
});

describe("distribute_value", () => {
  test("dz 2, shape (2,2): [[0.5,0.5],[0.5,0.5]]", () => {
    const kase = caseNamed("distribute-value.json", "course: dz 2");
    assert.deepEqual(kase.args, [2, [2, 2]]);
    assert.deepEqual(kase.expected, [
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
  });

  test("dz 100, shape (10,10): sums to exactly 100", () => {
    const kase = caseNamed("distribute-value.json", "course: dz 100");
    assert.deepEqual(kase.args, [100, [10, 10]]);
    assert.deepEqual(shapeOf(kase.expected), [10, 10]);
    assert.equal(
      (kase.expected as number[][]).flat().reduce((sum, value) => sum + value, 0),
      100,
    );
  });
});

describe("pool_backward", () => {
  const max = caseNamed("pool-backward.json", "course: A_prev = randn(5,5,3,2)");
  const average = caseNamed("pool-backward.json", "course: same A_prev and dA, average");

  test("A_prev = randn(5,5,3,2), f 2, stride 1, then dA = randn(5,4,2,2): mean(dA) 0.14571390272918056", () => {
    const [dA, [APrev, hp]] = max.args as [Tensor4D, [Tensor4D, PoolHParameters]];
    assert.deepEqual(shapeOf(APrev), [5, 5, 3, 2]);
    assert.deepEqual(hp, { f: 2, stride: 1 });
    assert.deepEqual(shapeOf(dA), [5, 4, 2, 2]);
    assert.deepEqual(shapeOf(dA), shapeOf(poolForward(APrev, hp)[0]), "dA is shaped like pool_forward's output");
    assertPrinted(numpyMean(dA), "0.14571390272918056", "mean(dA)");
    assert.deepEqual(average.args.slice(0, 2), max.args.slice(0, 2));
  });

  test("dA_prev[1,1] in max and average modes", () => {
    assert.deepEqual(shapeOf(max.expected), [5, 5, 3, 2]);
    assertPrintedArray(max.expected[1][1], "[[0,0],[5.05844394,-1.68282702],[0,0]]", "max dA_prev[1,1]");
    assertPrintedArray(average.expected[1][1], "[[0.08485462,0.2787552],[1.26461098,-0.25749373],[1.17975636,-0.53624893]]", "average dA_prev[1,1]");
  });
});
