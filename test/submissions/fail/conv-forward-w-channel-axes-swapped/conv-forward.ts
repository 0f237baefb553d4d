// Sample mistake: the filter read as W[r][s][c][k] (output channel before input channel): wrong wherever
// nCPrev and nC differ or the filter is not symmetric in them.
import type { ConvCache, ConvHParameters, Tensor4D } from "convgrade";

export function convForward(APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hparameters: ConvHParameters): [Tensor4D, ConvCache] {
  const { stride, pad } = hparameters;
  const f = W.length;
  const nC = b[0][0][0].length;
  const nCPrev = APrev[0][0][0].length;
  const nH = Math.floor((APrev[0].length + 2 * pad - f) / stride) + 1;
  const nW = Math.floor((APrev[0][0].length + 2 * pad - f) / stride) + 1;
  const at = (i: number, y: number, x: number, k: number) => APrev[i][y - pad]?.[x - pad]?.[k] ?? 0;
  const Z: Tensor4D = [];
  for (let i = 0; i < APrev.length; i++) {
    Z[i] = [];
    for (let h = 0; h < nH; h++) {
      Z[i][h] = [];
      for (let w = 0; w < nW; w++) {
        Z[i][h][w] = [];
        for (let c = 0; c < nC; c++) {
          let z = 0;
          for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) for (let k = 0; k < nCPrev; k++) z += at(i, h * stride + r, w * stride + s, k) * W[r][s][c][k];
          Z[i][h][w][c] = z + b[0][0][0][c];
        }
      }
    }
  }
  return [Z, [APrev, W, b, hparameters]];
}
