import type { ConvCache, Tensor4D } from "../types.js";
import { zeros4 } from "./_tensor.js";
import { traced } from "./trace.js";
import { zeroPad as zeroPadUntraced } from "./zero-pad.js";

const zeroPad = traced("zeroPad", zeroPadUntraced);

/** Backward convolution: [dAPrev, dW, db] from dZ and the cache of convForward, shaped like APrev, W, b. */
export function convBackward(dZ: Tensor4D, cache: ConvCache): [Tensor4D, Tensor4D, Tensor4D] {
  const [APrev, W, b, { stride, pad }] = cache;
  const m = APrev.length;
  const nHPrev = APrev[0].length;
  const nWPrev = APrev[0][0].length;
  const nCPrev = APrev[0][0][0].length;
  const f = W.length;
  const nH = dZ[0].length;
  const nW = dZ[0][0].length;
  const nC = dZ[0][0][0].length;
  const dAPrev = zeros4(m, nHPrev, nWPrev, nCPrev);
  const dW = zeros4(f, f, nCPrev, nC);
  const db = zeros4(1, 1, 1, b[0][0][0].length);
  const APrevPad = zeroPad(APrev, pad);
  const dAPrevPad = zeros4(m, nHPrev + 2 * pad, nWPrev + 2 * pad, nCPrev);
  // Same loop and accumulation order as the course's solution, so sums round the same way.
  for (let i = 0; i < m; i++) {
    for (let h = 0; h < nH; h++) {
      for (let w = 0; w < nW; w++) {
        for (let c = 0; c < nC; c++) {
          const vertStart = h * stride;
          const horizStart = w * stride;
          const g = dZ[i][h][w][c];
          for (let r = 0; r < f; r++)
            for (let s = 0; s < f; s++) for (let k = 0; k < nCPrev; k++) dAPrevPad[i][vertStart + r][horizStart + s][k] += W[r][s][k][c] * g;
          for (let r = 0; r < f; r++)
            for (let s = 0; s < f; s++) for (let k = 0; k < nCPrev; k++) dW[r][s][k][c] += APrevPad[i][vertStart + r][horizStart + s][k] * g;
          db[0][0][0][c] += g;
        }
      }
    }
    // Un-pad by explicit bounds: slicing [pad, -pad] would be empty when pad is 0.
    for (let h = 0; h < nHPrev; h++) for (let w = 0; w < nWPrev; w++) for (let k = 0; k < nCPrev; k++) dAPrev[i][h][w][k] = dAPrevPad[i][h + pad][w + pad][k];
  }
  return [dAPrev, dW, db];
}
