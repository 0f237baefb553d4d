/**
 * What known mistakes give on a case, computed in the grader from the case's own arguments: the reference
 * run on changed inputs (stride 1 for a stride left out, the bias of channel 0 for every channel, W with
 * its channel axes swapped, the other pooling mode, ...) or a few lines of the mistake itself. A learner's
 * output equal to one of these is that mistake however it was written. Visible cases only (the grader
 * never diagnoses a hidden one); nothing here is shown, only the mistake's name is.
 */
import type { FunctionName } from "../../exercises.js";
import type { ConvHParameters, PoolHParameters, PoolMode, Tensor2D, Tensor3D, Tensor4D } from "../../types.js";
import { convGrads, convZ, each4, padded, poolA, poolGrads } from "./kernels.js";

const zeroPad = padded;
const convSingleStep = (a: Tensor3D, W: Tensor3D, b: Tensor3D) => a.flat(2).reduce((sum, x, k) => sum + x * W.flat(2)[k], 0) + b[0][0][0];
const convForward = (A: Tensor4D, W: Tensor4D, b: Tensor4D, hp: ConvHParameters) => [convZ(A, W, b, hp)];
const poolForward = (A: Tensor4D, hp: PoolHParameters, mode: PoolMode = "max") => [poolA(A, hp, mode)];
const convBackward = (dZ: Tensor4D, [A, W, b, hp]: [Tensor4D, Tensor4D, Tensor4D, ConvHParameters]) => convGrads(dZ, A, W, b, hp);
const poolBackward = (dA: Tensor4D, [A, hp]: [Tensor4D, PoolHParameters], mode: PoolMode = "max") => poolGrads(dA, A, hp, mode);

/** One mistake's output on a case (the graded part: a forward function's output without its cache). */
export interface Alternative {
  mistake: string;
  value: unknown;
}

type Make = (args: unknown[]) => [mistake: string, compute: () => unknown][];

const t4 = (x: unknown) => x as Tensor4D;
const map4 = (x: Tensor4D, fn: (v: number, i: number, h: number, w: number, c: number) => number): Tensor4D =>
  x.map((a, i) => a.map((b, h) => b.map((d, w) => d.map((v, c) => fn(v, i, h, w, c)))));
/** The top-left part of a stride-1 output, shaped like the right output: windows at h, w instead of h * stride, w * stride. */
const crop = (full: Tensor4D, like: Tensor4D): Tensor4D => like.map((a, i) => a.map((b, h) => b.map((_, w) => full[i][h][w])));
/** Keys of hyper-parameters in the order the case gives them. */
const firstKey = (hp: object) => Object.keys(hp)[0];

/** The two values of the hyper-parameters read by position in the other order, under the mistake it names. */
function positional<T extends object>(hp: T, a: keyof T, b: keyof T): [string, T] | undefined {
  if (hp[a] === hp[b]) return undefined;
  // Object.values read as [a, b] is right when a comes first: the mistake shows when b does.
  const mistake = firstKey(hp) === b ? "hpPositionalPadFirst" : "hpPositionalStrideFirst";
  return [mistake, { ...hp, [a]: hp[b], [b]: hp[a] }];
}

/** The other mode's output: where mode was left out, a mode with no default gives it as well as one that is ignored. */
function otherMode(given: PoolMode | undefined, compute: () => unknown): [string, () => unknown][] {
  return given === undefined
    ? [
        ["modeNoDefault", compute],
        ["modeIgnored", compute],
      ]
    : [["modeIgnored", compute]];
}

const zeroPadAlternatives: Make = ([X, pad]) => {
  const x = t4(X);
  const p = pad as number;
  // Zeros before and after each padded axis, in multiples of pad.
  const padAxes = (axes: [number, number, number, number], before: number, after: number) => () => {
    const shape = [x.length, x[0].length, x[0][0].length, x[0][0][0].length].map((n, k) => n + axes[k] * p * (before + after));
    const out = Array.from({ length: shape[0] }, () =>
      Array.from({ length: shape[1] }, () => Array.from({ length: shape[2] }, () => new Array<number>(shape[3]).fill(0))),
    );
    const at = (k: number, n: number) => n + axes[k] * p * before;
    each4(x, (v, i, h, w, c) => {
      out[at(0, i)][at(1, h)][at(2, w)][at(3, c)] = v;
    });
    return out;
  };
  return [
    ["paddedBatch", padAxes([1, 1, 1, 0], 1, 1)],
    ["paddedChannels", padAxes([0, 1, 1, 1], 1, 1)],
    ["paddedOneSide", padAxes([0, 1, 1, 0], 1, 0)],
    ["paddedOneSide", padAxes([0, 1, 1, 0], 0, 1)],
    ["paddedOneSide", padAxes([0, 1, 1, 0], 2, 0)],
    ["paddedOneSide", padAxes([0, 1, 1, 0], 0, 2)],
    ...[1, 2, 3].filter((q) => q !== p).map((q): [string, () => unknown] => ["hardCodedPad", () => zeroPad(x, q)]),
    // Not padded at all: told apart from a pad fixed at 0, which no learner writes on purpose.
    ["padLeftOut", () => zeroPad(x, 0)],
  ];
};

const convSingleStepAlternatives: Make = ([a, W, b]) => {
  const [A, F, B] = [a as Tensor3D, W as Tensor3D, b as Tensor3D];
  const bias = B[0][0][0];
  const count = A.length * A[0].length * A[0][0].length;
  return [
    ["biasLeftOut", () => convSingleStep(A, F, [[[0]]])],
    ["biasInsideSum", () => convSingleStep(A, F, [[[bias * count]]])],
  ];
};

const convForwardAlternatives: Make = ([A, W, b, hparameters]) => {
  const [a, w, bias, hp] = [t4(A), t4(W), t4(b), hparameters as ConvHParameters];
  const run = (weights: Tensor4D, biases: Tensor4D, h: ConvHParameters) => () => convForward(a, weights, biases, h)[0];
  const f = w.length;
  const nCPrev = w[0][0].length;
  const swapped = positional(hp, "pad", "stride");
  const list: [string, () => unknown][] = [
    ["strideForward", () => crop(run(w, bias, { ...hp, stride: 1 })(), run(w, bias, hp)())],
    [
      "sameBias",
      run(
        w,
        map4(bias, () => bias[0][0][0][0]),
        hp,
      ),
    ],
    [
      "biasLeftOut",
      run(
        w,
        map4(bias, () => 0),
        hp,
      ),
    ],
    [
      "biasInsideSum",
      run(
        w,
        map4(bias, (v) => v * f * f * nCPrev),
        hp,
      ),
    ],
    ...[1, 2].filter((p) => p !== hp.pad).map((p): [string, () => unknown] => ["hardCodedPad", run(w, bias, { ...hp, pad: p })]),
    ["padLeftOut", run(w, bias, { ...hp, pad: 0 })],
    ...[1, 2].filter((s) => s !== hp.stride).map((s): [string, () => unknown] => ["hardCodedStride", run(w, bias, { ...hp, stride: s })]),
  ];
  if (swapped) list.push([swapped[0], run(w, bias, swapped[1])]);
  // W[r][s][c][k] for W[r][s][k][c]: only a square channel block can be read that way without a throw.
  if (nCPrev === w[0][0][0].length)
    list.push([
      "wChannelAxesSwapped",
      run(
        map4(w, (_, r, s, k, c) => w[r][s][c][k]),
        bias,
        hp,
      ),
    ]);
  return list;
};

const poolForwardAlternatives: Make = ([A, hparameters, mode]) => {
  const [a, hp, given] = [t4(A), hparameters as PoolHParameters, mode as PoolMode | undefined];
  const run = (h: PoolHParameters, m: PoolMode | undefined) => () => poolForward(a, h, m)[0];
  const actual = given ?? "max";
  const other: PoolMode = actual === "max" ? "average" : "max";
  const swapped = positional(hp, "f", "stride");
  const list: [string, () => unknown][] = [
    ...otherMode(given, run(hp, other)),
    ["strideForward", () => crop(run({ ...hp, stride: 1 }, actual)(), run(hp, actual)())],
    ...[1, 2].filter((s) => s !== hp.stride).map((s): [string, () => unknown] => ["hardCodedStride", run({ ...hp, stride: s }, actual)]),
  ];
  if (swapped) list.push([swapped[0], run(swapped[1], actual)]);
  if (actual === "average") list.push(["averageNotDivided", () => map4(poolForward(a, hp, "average")[0], (v) => v * hp.f * hp.f)]);
  else list.push(["maxFromZero", () => map4(poolForward(a, hp, "max")[0], (v) => Math.max(v, 0))]);
  return list;
};

const convBackwardAlternatives: Make = ([dZ, cache]) => {
  const [z, [A, W, b, hparameters]] = [t4(dZ), cache as [Tensor4D, Tensor4D, Tensor4D, ConvHParameters]];
  const hp = hparameters;
  const run = (h: ConvHParameters) => () => convBackward(z, [A, W, b, h]);
  const swapped = positional(hp, "pad", "stride");
  const dbOf = (examples: number[]) => [[[b[0][0][0].map((_, c) => examples.reduce((sum, i) => sum + z[i].flat().reduce((s, cell) => s + cell[c], 0), 0))]]];
  const withDb = (examples: number[]) => () => {
    const [dA, dW] = convBackward(z, [A, W, b, hp]);
    return [dA, dW, dbOf(examples)];
  };
  const list: [string, () => unknown][] = [
    ["strideBackward", run({ ...hp, stride: 1 })],
    ["dbNotSummedOverBatch", withDb([z.length - 1])],
    ["dbNotSummedOverBatch", withDb([0])],
  ];
  if (swapped) list.push([swapped[0], run(swapped[1])]);
  return list;
};

/** A mask marking each cell greater than every cell before it (row by row): a running maximum's marks. */
function runningMaxMarks(x: Tensor2D): boolean[][] {
  let max = -Infinity;
  return x.map((row) =>
    row.map((v) => {
      const marked = v > max;
      if (marked) max = v;
      return marked;
    }),
  );
}

const createMaskAlternatives: Make = ([x]) => {
  const X = x as Tensor2D;
  return [
    ["maxFromZero", () => X.map((row) => row.map((v) => v === Math.max(0, ...X.flat())))],
    ["runningMaxMarks", () => runningMaxMarks(X)],
    ["maskOfOneRow", () => [X[0].map((v) => v === Math.max(...X[0]))]],
  ];
};

const distributeValueAlternatives: Make = ([dz, shape]) => {
  const [nH, nW] = shape as [number, number];
  const fill = (v: number) => () => Array.from({ length: nH }, () => new Array<number>(nW).fill(v));
  const g = dz as number;
  return [
    ["dzForgotten", fill(1 / (nH * nW))],
    ["dividedBySum", fill(g / (nH + nW))],
    ["averageNotDivided", fill(g)],
  ];
};

const poolBackwardAlternatives: Make = ([dA, cache, mode]) => {
  const [g, [A, hparameters], given] = [t4(dA), cache as [Tensor4D, PoolHParameters], mode as PoolMode | undefined];
  const hp = hparameters;
  const actual = given ?? "max";
  const other: PoolMode = actual === "max" ? "average" : "max";
  const run = (h: PoolHParameters, m: PoolMode) => () => poolBackward(g, [A, h], m);
  const swapped = positional(hp, "f", "stride");
  const list: [string, () => unknown][] = [
    ...otherMode(given, run(hp, other)),
    ["strideBackward", run({ ...hp, stride: 1 }, actual)],
    ["assignInsteadOfAdd", () => poolGrads(g, A, hp, actual, "assign")],
    ["assignInsteadOfAdd", () => poolGrads(g, A, hp, actual, "assign-window")],
  ];
  if (swapped) list.push([swapped[0], run(swapped[1], actual)]);
  if (actual === "max") list.push(["tieSplit", () => poolGrads(g, A, hp, "max", "split")]);
  else list.push(["averageNotDivided", () => map4(poolBackward(g, [A, hp], "average"), (v) => v * hp.f * hp.f)]);
  return list;
};

const MAKERS: Record<FunctionName, Make> = {
  zeroPad: zeroPadAlternatives,
  convSingleStep: convSingleStepAlternatives,
  convForward: convForwardAlternatives,
  poolForward: poolForwardAlternatives,
  convBackward: convBackwardAlternatives,
  createMaskFromWindow: createMaskAlternatives,
  distributeValue: distributeValueAlternatives,
  poolBackward: poolBackwardAlternatives,
};

/** The outputs of the known mistakes on a case's arguments; a mistake whose code would throw there gives none. */
export function alternativesOf(fn: FunctionName, args: readonly unknown[]): Alternative[] {
  const copy = structuredClone(args) as unknown[];
  let made: [string, () => unknown][];
  try {
    made = MAKERS[fn](copy);
  } catch {
    return [];
  }
  const out: Alternative[] = [];
  for (const [mistake, compute] of made) {
    try {
      out.push({ mistake, value: compute() });
    } catch {
      // The mistake cannot run on these arguments (a window past the edge): it tells nothing here.
    }
  }
  return out;
}
