// Sample mistake: the average is rounded with toFixed(4) before it is stored.
import type { PoolCache, PoolHParameters, PoolMode, Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

export function poolForward(APrev: Tensor4D, hparameters: PoolHParameters, mode: PoolMode = "max"): [Tensor4D, PoolCache] {
  const { f, stride } = hparameters;
  const [m, nHPrev, nWPrev, nC] = [APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length];
  const nH = Math.floor((nHPrev - f) / stride) + 1;
  const nW = Math.floor((nWPrev - f) / stride) + 1;
  const A = zeros<Tensor4D>([m, nH, nW, nC]);
  for (let i = 0; i < m; i++)
    for (let h = 0; h < nH; h++)
      for (let w = 0; w < nW; w++)
        for (let c = 0; c < nC; c++) {
          let top = -Infinity;
          let total = 0;
          for (let r = 0; r < f; r++)
            for (let s = 0; s < f; s++) {
              const v = APrev[i][h * stride + r][w * stride + s][c];
              top = Math.max(top, v);
              total += v;
            }
          A[i][h][w][c] = mode === "max" ? top : Number((total / (f * f)).toFixed(4));
        }
  return [A, [APrev, hparameters]];
}
