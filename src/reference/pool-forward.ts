import type { PoolCache, PoolHParameters, PoolMode, Tensor4D } from "../types.js";
import { forEachWindow, zeros4 } from "./_tensor.js";
import { numpySum } from "./numpy-sum.js";

/** Forward pooling: A (m, nH, nW, nC) and the cache [APrev, hparameters]; mode "max" (default) or "average". */
export function poolForward(APrev: Tensor4D, hparameters: PoolHParameters, mode: PoolMode = "max"): [Tensor4D, PoolCache] {
  const { f, stride } = hparameters;
  const m = APrev.length;
  const nHPrev = APrev[0].length;
  const nWPrev = APrev[0][0].length;
  const nC = APrev[0][0][0].length;
  const nH = Math.floor((nHPrev - f) / stride) + 1;
  const nW = Math.floor((nWPrev - f) / stride) + 1;
  const A = zeros4(m, nH, nW, nC);
  forEachWindow([m, nH, nW, nC], stride, (i, h, w, c, vertStart, horizStart) => {
    if (mode === "max") {
      // Start from -Infinity: a window whose values are all negative has a negative maximum.
      let max = -Infinity;
      for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) max = Math.max(max, APrev[i][vertStart + r][horizStart + s][c]);
      A[i][h][w][c] = max;
    } else {
      // np.mean copies the (f, f) view to a buffer and sums it pairwise: same order here.
      const window: number[] = [];
      for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) window.push(APrev[i][vertStart + r][horizStart + s][c]);
      A[i][h][w][c] = numpySum(window) / (f * f);
    }
  });
  return [A, [APrev, hparameters]];
}
