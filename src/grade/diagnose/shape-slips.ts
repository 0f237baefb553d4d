/**
 * Output shapes that known slips of the output-size formula give, from a case's own arguments:
 * Math.ceil or Math.round for Math.floor, no "+ 1", nHPrev for nH, nH and nW swapped. A learner's shape
 * equal to one slip's (and to no other's) tells the slip; the values need not be right.
 */
import type { FunctionName } from "../../exercises.js";
import type { ConvHParameters, PoolHParameters, Tensor4D } from "../../types.js";

type Size = (n: number, stride: number) => number;

/** The output size along one axis, from (input size + 2 pad - f) and the stride. */
const SLIPS: [mistake: string, size: Size][] = [
  ["ceil", (n, s) => Math.ceil(n / s) + 1],
  ["roundForSize", (n, s) => Math.round(n / s) + 1],
  ["noPlusOne", (n, s) => Math.floor(n / s)],
];

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/** The mistakes whose output shape on these arguments is `shape`, when the right shape is another. */
export function shapeSlips(fn: FunctionName, args: readonly unknown[], shape: readonly number[]): string[] {
  const slips = slipShapes(fn, args);
  if (!slips || shape.length !== 4 || same(shape, slips.expected)) return [];
  return [...new Set(slips.candidates.filter(([, s]) => !same(s, slips.expected) && same(s, shape)).map(([mistake]) => mistake))];
}

/**
 * Whether a slip changes the output's shape on these arguments whatever form it takes: then a case the
 * learner passes rules it out (a shape slip is no slip where the learner's shape was right).
 */
export function slipChangesShape(fn: FunctionName, args: readonly unknown[], mistake: string): boolean {
  const slips = slipShapes(fn, args);
  const forms = slips?.candidates.filter(([m]) => m === mistake) ?? [];
  return forms.length > 0 && forms.every(([, s]) => !same(s, slips!.expected));
}

/** The right output shape and each slip's, for a forward function's arguments. */
function slipShapes(fn: FunctionName, args: readonly unknown[]): { expected: number[]; candidates: [string, number[]][] } | undefined {
  if (fn !== "convForward" && fn !== "poolForward") return undefined;
  const A = args[0] as Tensor4D;
  const [m, nHPrev, nWPrev] = [A.length, A[0].length, A[0][0].length];
  const conv = fn === "convForward";
  const W = conv ? (args[1] as Tensor4D) : undefined;
  const hp = (conv ? args[3] : args[1]) as ConvHParameters & PoolHParameters;
  const f = conv ? W!.length : hp.f;
  const nC = conv ? W![0][0][0].length : A[0][0][0].length;
  const pad = conv ? hp.pad : 0;
  const stride = hp.stride;
  const right: Size = (n, s) => Math.floor(n / s) + 1;
  const [hn, wn] = [nHPrev + 2 * pad - f, nWPrev + 2 * pad - f];
  const expected = [m, right(hn, stride), right(wn, stride), nC];
  const candidates: [string, number[]][] = [
    ...SLIPS.map(([mistake, size]): [string, number[]] => [mistake, [m, size(hn, stride), size(wn, stride), nC]]),
    ["nHPrevForNH", [m, nHPrev, expected[2], nC]],
    ["nHPrevForNH", [m, nHPrev, nWPrev, nC]],
    ["swappedHW", [m, expected[2], expected[1], nC]],
  ];
  return { expected, candidates };
}
