// Sample mistake: the window at (h, w) is written at Z[i][w][h], so Z comes out (m, nW, nH, nC).
import type { ConvCache, ConvHParameters, Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

export function convForward(APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hparameters: ConvHParameters): [Tensor4D, ConvCache] {
  const { stride, pad } = hparameters;
  const f = W.length;
  const [m, nHPrev, nWPrev, nCPrev] = [APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length];
  const nC = W[0][0][0].length;
  const nH = Math.floor((nHPrev + 2 * pad - f) / stride) + 1;
  const nW = Math.floor((nWPrev + 2 * pad - f) / stride) + 1;
  const Z = zeros<Tensor4D>([m, nW, nH, nC]);
  let i = 0;
  while (i < m) {
    for (let h = 0; h < nH; h++)
      for (let w = 0; w < nW; w++)
        for (let c = 0; c < nC; c++) {
          let sum = b[0][0][0][c];
          for (let r = 0; r < f; r++)
            for (let s = 0; s < f; s++) {
              const y = h * stride + r - pad;
              const x = w * stride + s - pad;
              if (y < 0 || x < 0 || y >= nHPrev || x >= nWPrev) continue;
              for (let k = 0; k < nCPrev; k++) sum += APrev[i][y][x][k] * W[r][s][k][c];
            }
          Z[i][w][h][c] = sum;
        }
    i++;
  }
  return [Z, [APrev, W, b, hparameters]];
}
