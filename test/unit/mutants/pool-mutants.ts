/**
 * Variants of the reference poolForward, poolBackward, createMaskFromWindow and distributeValue with the
 * learners' mistakes switched on one at a time. With no switch on, each is a correct solution.
 */
import type { PoolCache, PoolHParameters, PoolMode, Tensor2D, Tensor4D } from "../../../src/types.js";

const zeros = (a: number, b: number, c: number, d: number): Tensor4D =>
  Array.from({ length: a }, () => Array.from({ length: b }, () => Array.from({ length: c }, () => new Array<number>(d).fill(0))));

/** Which order a positional read assumes: `const [f, stride] = Object.values(hparameters)` or the reverse. */
export type Positional = "f-stride" | "stride-f";

/** {f, stride} as a learner reading by position would get them. */
function poolHp(hp: PoolHParameters, positional?: Positional): PoolHParameters {
  if (!positional) return hp;
  const [first, second] = Object.values(hp);
  return positional === "f-stride" ? { f: first, stride: second } : { stride: first, f: second };
}

/** The learner's rounding: Number(x.toFixed(6)). */
const toFixed6 = (x: number) => Number(x.toFixed(6));

/** Which createMaskFromWindow mistakes to make. */
export interface MaskBugs {
  maxFromZero?: boolean;
  firstRowMax?: boolean;
  firstRowOnly?: boolean;
  inPlace?: boolean;
  /** Math.max(...x.flat().filter(Boolean)): zeros dropped */
  zerosDropped?: boolean;
  /** not a mistake: marks only the first of tied maxima (the course allows either) */
  firstTieOnly?: boolean;
}

/** createMaskFromWindow with mistakes: max from 0, max of the first row, only the first row, or x overwritten. */
export function createMaskWith(bugs: MaskBugs = {}) {
  return (x: Tensor2D): boolean[][] => {
    const rows = bugs.firstRowMax ? [x[0]] : x;
    let max = bugs.maxFromZero ? 0 : -Infinity;
    for (const row of rows) for (const value of row) max = Math.max(max, value);
    if (bugs.zerosDropped) max = Math.max(...rows.flat().filter(Boolean));
    let marked = false;
    const mask = (bugs.firstRowOnly ? [x[0]] : x).map((row) =>
      row.map((value) => {
        if (!bugs.firstTieOnly) return value === max;
        const first = value === max && !marked;
        marked ||= first;
        return first;
      }),
    );
    // Writes the mask into x as 0/1, as `x[i][j] = x[i][j] === max ? 1 : 0` would.
    if (bugs.inPlace) x.forEach((row, i) => row.forEach((_, j) => (row[j] = mask[i][j] ? 1 : 0)));
    return mask;
  };
}

/** Which distributeValue mistakes to make. */
export interface DistributeBugs {
  noDz?: boolean;
  divideBySum?: boolean;
  /** Number(share.toFixed(6)) */
  rounded?: boolean;
}

/** distributeValue with mistakes: dz forgotten, or divided by nH + nW. */
export function distributeValueWith(bugs: DistributeBugs = {}) {
  return (dz: number, [nH, nW]: [number, number]): Tensor2D => {
    const exact = (bugs.noDz ? 1 : dz) / (bugs.divideBySum ? nH + nW : nH * nW);
    const value = bugs.rounded ? toFixed6(exact) : exact;
    return Array.from({ length: nH }, () => new Array<number>(nW).fill(value));
  };
}

/** Which poolForward mistakes to make. */
export interface PoolForwardBugs {
  noStride?: boolean;
  swapHW?: boolean;
  nHPrev?: boolean;
  ceil?: boolean;
  fixedStride?: number;
  maxFromZero?: boolean;
  modeIgnored?: boolean;
  averageNotDivided?: boolean;
  zerosDropped?: boolean;
  positional?: Positional;
  /** Math.fround on the running sum */
  float32?: boolean;
  /** not a mistake: the mean as a running average */
  runningMean?: boolean;
}

/** poolForward with mistakes in the corners, the output size, the max, the mode or the mean. */
export function poolForwardWith(bugs: PoolForwardBugs = {}) {
  return (APrev: Tensor4D, hp: PoolHParameters, modeArg: PoolMode = "max"): [Tensor4D, PoolCache] => {
    const mode = bugs.modeIgnored ? "max" : modeArg;
    const read = poolHp(hp, bugs.positional);
    const f = read.f;
    const stride = bugs.fixedStride ?? read.stride;
    const [m, nHPrev, nWPrev, nC] = [APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length];
    const round = bugs.ceil ? Math.ceil : Math.floor;
    let nH = bugs.nHPrev ? nHPrev : round((nHPrev - f) / stride) + 1;
    let nW = round((nWPrev - f) / stride) + 1;
    if (bugs.swapHW) [nH, nW] = [nW, nH];
    const A = zeros(m, nH, nW, nC);
    for (let i = 0; i < m; i++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++)
          for (let c = 0; c < nC; c++) {
            const vs = bugs.noStride ? h : h * stride;
            const hs = bugs.noStride ? w : w * stride;
            let max = bugs.maxFromZero ? 0 : -Infinity;
            let sum = 0;
            let mean = 0;
            const values: number[] = [];
            for (let r = 0; r < f; r++)
              for (let s = 0; s < f; s++) {
                // Past the input's edge: undefined, hence NaN, as in a learner's code.
                const value = APrev[i][vs + r]?.[hs + s]?.[c] as number;
                values.push(value);
                max = Math.max(max, value);
                sum = bugs.float32 ? Math.fround(sum + value) : sum + value;
                mean += (value - mean) / values.length;
              }
            if (bugs.zerosDropped) {
              const kept = values.filter(Boolean);
              max = Math.max(...kept);
              sum = kept.reduce((a, b) => a + b, 0);
            }
            const count = bugs.zerosDropped ? values.filter(Boolean).length : f * f;
            const average = bugs.runningMean ? mean : sum / count;
            A[i][h][w][c] = mode === "max" ? max : bugs.averageNotDivided ? sum : average;
          }
    return [A, [APrev, hp]];
  };
}

/** Which poolBackward mistakes to make. */
export interface PoolBackwardBugs {
  noStride?: boolean;
  assign?: boolean;
  modeIgnored?: boolean;
  averageNotDivided?: boolean;
  maxFromZero?: boolean;
  inPlace?: boolean;
  positional?: Positional;
  /** the average share rounded with toFixed(6) */
  roundedShare?: boolean;
  /** not a mistake: the gradient goes to the first of tied maxima only */
  firstTieOnly?: boolean;
}

/** poolBackward with mistakes: corners, '=' for '+=', the mode, the division, the max, or dA divided in place. */
export function poolBackwardWith(bugs: PoolBackwardBugs = {}) {
  const mask = createMaskWith({ maxFromZero: bugs.maxFromZero, firstTieOnly: bugs.firstTieOnly });
  return (dA: Tensor4D, cache: PoolCache, modeArg: PoolMode = "max"): Tensor4D => {
    const mode = bugs.modeIgnored ? "max" : modeArg;
    const [APrev, hp] = cache;
    const { f, stride } = poolHp(hp, bugs.positional);
    const dAPrev = zeros(APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length);
    const [m, nH, nW, nC] = [dA.length, dA[0].length, dA[0][0].length, dA[0][0][0].length];
    for (let i = 0; i < m; i++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++)
          for (let c = 0; c < nC; c++) {
            const vs = bugs.noStride ? h : h * stride;
            const hs = bugs.noStride ? w : w * stride;
            let share: Tensor2D;
            if (mode === "max") {
              const window = Array.from({ length: f }, (_, r) => Array.from({ length: f }, (_, s) => APrev[i][vs + r][hs + s][c]));
              share = mask(window).map((row) => row.map((isMax) => (isMax ? dA[i][h][w][c] : 0)));
            } else {
              if (bugs.inPlace) dA[i][h][w][c] /= f * f;
              const exact = bugs.inPlace || bugs.averageNotDivided ? dA[i][h][w][c] : dA[i][h][w][c] / (f * f);
              const g = bugs.roundedShare ? toFixed6(exact) : exact;
              share = Array.from({ length: f }, () => new Array<number>(f).fill(g));
            }
            for (let r = 0; r < f; r++)
              for (let s = 0; s < f; s++) {
                const cell = dAPrev[i][vs + r][hs + s];
                cell[c] = bugs.assign ? share[r][s] : cell[c] + share[r][s];
              }
          }
    return dAPrev;
  };
}
