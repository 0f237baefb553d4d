import type { Tensor4D } from "../types.js";
import { zeros4 } from "./_tensor.js";

/** Pads X (m, nH, nW, nC) with `pad` zeros on both sides of the height and width axes only. */
export function zeroPad(X: Tensor4D, pad: number): Tensor4D {
  const m = X.length;
  const nH = X[0].length;
  const nW = X[0][0].length;
  const nC = X[0][0][0].length;
  const out = zeros4(m, nH + 2 * pad, nW + 2 * pad, nC);
  for (let i = 0; i < m; i++)
    for (let h = 0; h < nH; h++) for (let w = 0; w < nW; w++) for (let c = 0; c < nC; c++) out[i][h + pad][w + pad][c] = X[i][h][w][c];
  return out;
}
