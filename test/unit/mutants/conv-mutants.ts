/**
 * Variants of the reference zeroPad, convSingleStep, convForward and convBackward with the learners'
 * mistakes switched on one at a time. With no switch on, each is a correct (if plainer) solution.
 */
import type { ConvCache, ConvHParameters, Tensor3D, Tensor4D } from "../../../src/types.js";

const zeros = (a: number, b: number, c: number, d: number): Tensor4D =>
  Array.from({ length: a }, () => Array.from({ length: b }, () => Array.from({ length: c }, () => new Array<number>(d).fill(0))));

/** Which order a positional read assumes: `const [pad, stride] = Object.values(hparameters)` or the reverse. */
export type Positional = "pad-stride" | "stride-pad";

/** {stride, pad} as a learner reading by position would get them (in place of reading them by name). */
function convHp(hp: ConvHParameters, positional?: Positional): ConvHParameters {
  if (!positional) return hp;
  const [first, second] = Object.values(hp);
  return positional === "pad-stride" ? { pad: first, stride: second } : { stride: first, pad: second };
}

/** 0, 1, ..., n - 1, or the reverse: a correct solution may sum in any order. */
const indices = (n: number, reverse?: boolean) => {
  const list = Array.from({ length: n }, (_, i) => i);
  return reverse ? list.reverse() : list;
};

/** Which zeroPad mistakes to make. */
export interface ZeroPadBugs {
  padBatch?: boolean;
  padChannels?: boolean;
  oneSide?: boolean;
  fixedPad?: number;
  inPlace?: boolean;
}

/** zeroPad with mistakes: padding the batch or channel axis, one side only, a fixed pad, or X itself. */
export function zeroPadWith(bugs: ZeroPadBugs = {}) {
  return (X: Tensor4D, padArg: number): Tensor4D => {
    const pad = bugs.fixedPad ?? padArg;
    const before = pad;
    const after = bugs.oneSide ? 0 : pad;
    const [m, nH, nW, nC] = [X.length, X[0].length, X[0][0].length, X[0][0][0].length];
    const pm = bugs.padBatch ? pad : 0;
    const pc = bugs.padChannels ? pad : 0;
    const out = zeros(m + 2 * pm, nH + before + after, nW + before + after, nC + 2 * pc);
    for (let i = 0; i < m; i++)
      for (let h = 0; h < nH; h++) for (let w = 0; w < nW; w++) for (let c = 0; c < nC; c++) out[i + pm][h + before][w + before][c + pc] = X[i][h][w][c];
    if (!bugs.inPlace) return out;
    // Writes the padded examples back into the caller's array, as `X[i] = ...` would.
    for (let i = 0; i < m; i++) X[i] = out[i];
    return X;
  };
}

/** Which convSingleStep mistakes to make. */
export interface SingleStepBugs {
  biasInside?: boolean;
  notReduced?: boolean;
  inPlace?: boolean;
  /** float32 arithmetic: a Float32Array accumulator, or Math.fround on every step */
  float32?: "accumulator" | "fround";
  /** not a mistake: sums in reverse order */
  reverse?: boolean;
}

/** convSingleStep with mistakes: b added to every product, the result left as a (1,1,1) array, or a *= W in place. */
export function convSingleStepWith(bugs: SingleStepBugs = {}) {
  return (a: Tensor3D, W: Tensor3D, b: Tensor3D): number | Tensor3D => {
    const accumulator = new Float32Array(1);
    const round = bugs.float32 === "fround" ? Math.fround : (x: number) => x;
    let z = 0;
    for (const i of indices(a.length, bugs.reverse))
      for (const j of indices(a[i].length, bugs.reverse))
        for (const k of indices(a[i][j].length, bugs.reverse)) {
          const product = round(round(a[i][j][k]) * round(W[i][j][k]));
          if (bugs.inPlace) a[i][j][k] = product;
          z = round(z + (bugs.biasInside ? product + b[0][0][0] : product));
          if (bugs.float32 === "accumulator") {
            accumulator[0] = z;
            z = accumulator[0];
          }
        }
    if (!bugs.biasInside) z += b[0][0][0];
    return bugs.notReduced ? [[[z]]] : z;
  };
}

/** Which convForward mistakes to make. */
export interface ConvForwardBugs {
  noStride?: boolean;
  swapHW?: boolean;
  nHPrev?: boolean;
  ceil?: boolean;
  fixedPad?: number;
  fixedStride?: number;
  biasInside?: boolean;
  sameBias?: boolean;
  inPlace?: boolean;
  positional?: Positional;
  /** a Float32Array accumulator for each output value */
  float32?: boolean;
  /** not a mistake: sums each window in reverse order */
  reverse?: boolean;
}

/** convForward with mistakes in the slice corners, the output size, the bias, or padding APrev in place. */
export function convForwardWith(bugs: ConvForwardBugs = {}) {
  return (APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hp: ConvHParameters): [Tensor4D, ConvCache] => {
    const read = convHp(hp, bugs.positional);
    const pad = bugs.fixedPad ?? read.pad;
    const stride = bugs.fixedStride ?? read.stride;
    const [m, nHPrev, nWPrev] = [APrev.length, APrev[0].length, APrev[0][0].length];
    const [f, nCPrev, nC] = [W.length, W[0][0].length, W[0][0][0].length];
    const round = bugs.ceil ? Math.ceil : Math.floor;
    let nH = bugs.nHPrev ? nHPrev : round((nHPrev - f + 2 * pad) / stride) + 1;
    let nW = round((nWPrev - f + 2 * pad) / stride) + 1;
    if (bugs.swapHW) [nH, nW] = [nW, nH];
    const padded = zeroPadWith()(APrev, pad);
    const Z = zeros(m, nH, nW, nC);
    for (let i = 0; i < m; i++)
      for (let h = 0; h < nH; h++)
        for (let w = 0; w < nW; w++)
          for (let c = 0; c < nC; c++) {
            const vs = bugs.noStride ? h : h * stride;
            const hs = bugs.noStride ? w : w * stride;
            const bias = bugs.sameBias ? b[0][0][0][0] : b[0][0][0][c];
            let z = 0;
            const accumulator = new Float32Array(1);
            for (const r of indices(f, bugs.reverse))
              for (const s of indices(f, bugs.reverse))
                for (const k of indices(nCPrev, bugs.reverse)) {
                  const product = padded[i][vs + r][hs + s][k] * W[r][s][k][c];
                  z += bugs.biasInside ? product + bias : product;
                  if (bugs.float32) {
                    accumulator[0] = z;
                    z = accumulator[0];
                  }
                }
            Z[i][h][w][c] = bugs.biasInside ? z : z + bias;
          }
    if (bugs.inPlace) for (let i = 0; i < m; i++) APrev[i] = padded[i];
    return [Z, [APrev, W, b, hp]];
  };
}

/** Which convBackward mistakes to make. */
export interface ConvBackwardBugs {
  noStride?: boolean;
  notUnpadded?: boolean;
  dWFromUnpadded?: boolean;
  dbLastExampleOnly?: boolean;
  sliceUnpad?: boolean;
  inPlace?: boolean;
  positional?: Positional;
  /** dW accumulated in Float32Array rows */
  float32?: boolean;
  /** not a mistake: loops over examples and positions in reverse order */
  reverse?: boolean;
}

/** convBackward with mistakes in the corners, the un-padding, dW's slices, db's sum, or padding the cache in place. */
export function convBackwardWith(bugs: ConvBackwardBugs = {}) {
  return (dZ: Tensor4D, cache: ConvCache): [Tensor4D, Tensor4D, Tensor4D] => {
    const [APrev, W, b, hp] = cache;
    const { stride, pad } = convHp(hp, bugs.positional);
    const [m, nHPrev, nWPrev, nCPrev] = [APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length];
    const f = W.length;
    const [nH, nW, nC] = [dZ[0].length, dZ[0][0].length, dZ[0][0][0].length];
    const padded = zeroPadWith()(APrev, pad);
    const dPadded = zeros(m, nHPrev + 2 * pad, nWPrev + 2 * pad, nCPrev);
    const dW: Tensor4D = bugs.float32
      ? Array.from({ length: f }, () => Array.from({ length: f }, () => Array.from({ length: nCPrev }, () => new Float32Array(nC) as unknown as number[])))
      : zeros(f, f, nCPrev, nC);
    const db = zeros(1, 1, 1, b[0][0][0].length);
    let dAPrev: Tensor4D = zeros(m, nHPrev, nWPrev, nCPrev);
    const source = bugs.dWFromUnpadded ? APrev : padded;
    for (const i of indices(m, bugs.reverse)) {
      const dbExample = new Array<number>(nC).fill(0);
      for (const h of indices(nH, bugs.reverse))
        for (const w of indices(nW, bugs.reverse))
          for (let c = 0; c < nC; c++) {
            const vs = bugs.noStride ? h : h * stride;
            const hs = bugs.noStride ? w : w * stride;
            const g = dZ[i][h][w][c];
            for (let r = 0; r < f; r++)
              for (let s = 0; s < f; s++)
                for (let k = 0; k < nCPrev; k++) {
                  dPadded[i][vs + r][hs + s][k] += W[r][s][k][c] * g;
                  // Reading past the unpadded input gives undefined, hence NaN, as it would in a learner's code.
                  dW[r][s][k][c] += (source[i][vs + r]?.[hs + s]?.[k] as number) * g;
                }
            dbExample[c] += g;
          }
      for (let c = 0; c < nC; c++) db[0][0][0][c] = bugs.dbLastExampleOnly ? dbExample[c] : db[0][0][0][c] + dbExample[c];
      if (bugs.sliceUnpad) {
        // The course's hint da_prev_pad[pad:-pad, pad:-pad, :]: slice(0, -0) is empty when pad is 0.
        dAPrev[i] = dPadded[i].slice(pad, -pad).map((row) => row.slice(pad, -pad));
      } else {
        for (let h = 0; h < nHPrev; h++) for (let w = 0; w < nWPrev; w++) dAPrev[i][h][w] = dPadded[i][h + pad][w + pad].slice();
      }
    }
    if (bugs.notUnpadded) dAPrev = dPadded;
    if (bugs.inPlace) for (let i = 0; i < m; i++) APrev[i] = padded[i];
    return [dAPrev, dW, db];
  };
}
