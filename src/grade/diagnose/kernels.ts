/**
 * Plain forward and backward passes for computing what mistakes give, from a case's arguments. Not the
 * reference (the grader never recomputes an expected value: those come from the fixture only), and free
 * to differ from it in the last bits: a mistake's output is matched within a tenth of the tolerance.
 */
import type { ConvHParameters, PoolHParameters, PoolMode, Tensor4D } from "../../types.js";

/** A fresh 4-D tensor filled with zeros. */
export const zeros4 = (a: number, b: number, c: number, d: number): Tensor4D =>
  Array.from({ length: a }, () => Array.from({ length: b }, () => Array.from({ length: c }, () => new Array<number>(d).fill(0))));

/** Calls fn on every element of a 4-D tensor with its index. */
export function each4(t: Tensor4D, fn: (value: number, i: number, h: number, w: number, c: number) => void): void {
  for (let i = 0; i < t.length; i++)
    for (let h = 0; h < t[i].length; h++) for (let w = 0; w < t[i][h].length; w++) for (let c = 0; c < t[i][h][w].length; c++) fn(t[i][h][w][c], i, h, w, c);
}

/** X padded with zeros on the height and width axes. */
export function padded(X: Tensor4D, pad: number): Tensor4D {
  const out = zeros4(X.length, X[0].length + 2 * pad, X[0][0].length + 2 * pad, X[0][0][0].length);
  each4(X, (v, i, h, w, c) => {
    out[i][h + pad][w + pad][c] = v;
  });
  return out;
}

/** Z of a convolution (windows past the padded input throw, as they would in a learner's code). */
export function convZ(A: Tensor4D, W: Tensor4D, b: Tensor4D, { pad, stride }: ConvHParameters): Tensor4D {
  const f = W.length;
  const [nCPrev, nC] = [W[0][0].length, W[0][0][0].length];
  const nH = Math.floor((A[0].length - f + 2 * pad) / stride) + 1;
  const nW = Math.floor((A[0][0].length - f + 2 * pad) / stride) + 1;
  const P = padded(A, pad);
  const Z = zeros4(A.length, nH, nW, nC);
  for (let i = 0; i < A.length; i++)
    for (let h = 0; h < nH; h++)
      for (let w = 0; w < nW; w++)
        for (let c = 0; c < nC; c++) {
          let z = 0;
          for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) for (let k = 0; k < nCPrev; k++) z += P[i][h * stride + r][w * stride + s][k] * W[r][s][k][c];
          Z[i][h][w][c] = z + b[0][0][0][c];
        }
  return Z;
}

/** A of a pooling pass. */
export function poolA(A: Tensor4D, { f, stride }: PoolHParameters, mode: PoolMode): Tensor4D {
  const nH = Math.floor((A[0].length - f) / stride) + 1;
  const nW = Math.floor((A[0][0].length - f) / stride) + 1;
  const out = zeros4(A.length, nH, nW, A[0][0][0].length);
  each4(out, (_, i, h, w, c) => {
    const cells: number[] = [];
    for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) cells.push(A[i][h * stride + r][w * stride + s][c]);
    out[i][h][w][c] = mode === "max" ? Math.max(...cells) : cells.reduce((x, y) => x + y, 0) / (f * f);
  });
  return out;
}

/** [dAPrev, dW, db] of a convolution; the windows follow dZ's shape, so stride 1 is "stride left out". */
export function convGrads(dZ: Tensor4D, A: Tensor4D, W: Tensor4D, b: Tensor4D, { pad, stride }: ConvHParameters): [Tensor4D, Tensor4D, Tensor4D] {
  const f = W.length;
  const [m, nHPrev, nWPrev, nCPrev] = [A.length, A[0].length, A[0][0].length, A[0][0][0].length];
  const P = padded(A, pad);
  const dP = zeros4(m, nHPrev + 2 * pad, nWPrev + 2 * pad, nCPrev);
  const dW = zeros4(f, f, nCPrev, W[0][0][0].length);
  const db = zeros4(1, 1, 1, b[0][0][0].length);
  each4(dZ, (g, i, h, w, c) => {
    for (let r = 0; r < f; r++)
      for (let s = 0; s < f; s++)
        for (let k = 0; k < nCPrev; k++) {
          dP[i][h * stride + r][w * stride + s][k] += W[r][s][k][c] * g;
          dW[r][s][k][c] += P[i][h * stride + r][w * stride + s][k] * g;
        }
    db[0][0][0][c] += g;
  });
  const dA = dP.map((example) => example.slice(pad, pad + nHPrev).map((row) => row.slice(pad, pad + nWPrev)));
  return [dA, dW, db];
}

/**
 * How poolGrads places a window's gradient: added ('+=') to every tied maximum, split among them, or
 * assigned ('=') where the mask is true, or over the whole window (zeros beside the maximum).
 */
export type Placement = "add" | "split" | "assign" | "assign-window";

/** dAPrev of a pooling pass; the windows follow dA's shape. */
export function poolGrads(dA: Tensor4D, A: Tensor4D, { f, stride }: PoolHParameters, mode: PoolMode, placement: Placement = "add"): Tensor4D {
  const out = zeros4(A.length, A[0].length, A[0][0].length, A[0][0][0].length);
  each4(dA, (g, i, h, w, c) => {
    const cells: [number, number][] = [];
    for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) cells.push([h * stride + r, w * stride + s]);
    const max = Math.max(...cells.map(([y, x]) => A[i][y][x][c]));
    const isMax = ([y, x]: [number, number]) => A[i][y][x][c] === max;
    const chosen = mode === "max" ? cells.filter(isMax) : cells;
    const share = mode === "max" ? (placement === "split" ? g / chosen.length : g) : g / (f * f);
    if (placement === "assign-window") for (const cell of cells) out[i][cell[0]][cell[1]][c] = mode === "average" || isMax(cell) ? share : 0;
    else for (const [y, x] of chosen) out[i][y][x][c] = placement === "assign" ? share : out[i][y][x][c] + share;
  });
  return out;
}
