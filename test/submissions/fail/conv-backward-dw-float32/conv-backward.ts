// Sample mistake: dW accumulated in Float32Array rows.
import type { ConvCache, Tensor4D } from "convgrade";
import { zeroPad } from "./zero-pad.ts";
import { sliceWindow, zeros } from "./tensor-utils.js";

export function convBackward(dZ: Tensor4D, cache: ConvCache): [Tensor4D, Tensor4D, Tensor4D] {
  const [APrev, W, b, hparameters] = cache;
  const m = APrev.length;
  const nHPrev = APrev[0].length;
  const nWPrev = APrev[0][0].length;
  const nCPrev = APrev[0][0][0].length;
  const f = W.length;
  const stride = hparameters.stride;
  const pad = hparameters.pad;
  const nH = dZ[0].length;
  const nW = dZ[0][0].length;
  const nC = dZ[0][0][0].length;

  const dAPrev = zeros<Tensor4D>([m, nHPrev, nWPrev, nCPrev]);
  const dW = Array.from({ length: f }, () =>
    Array.from({ length: f }, () => Array.from({ length: nCPrev }, () => new Float32Array(nC))),
  ) as unknown as Tensor4D;
  const db = zeros<Tensor4D>([1, 1, 1, nC]);
  const APrevPad = zeroPad(APrev, pad);
  const dAPrevPad = zeroPad(dAPrev, pad);

  for (let i = 0; i < m; i++) {
    const aPrevPad = APrevPad[i];
    const daPrevPad = dAPrevPad[i];
    for (let h = 0; h < nH; h++) {
      for (let w = 0; w < nW; w++) {
        for (let c = 0; c < nC; c++) {
          const vertStart = h * stride;
          const vertEnd = vertStart + f;
          const horizStart = w * stride;
          const horizEnd = horizStart + f;
          const aSlice = sliceWindow(aPrevPad, vertStart, vertEnd, horizStart, horizEnd);
          const dz = dZ[i][h][w][c];
          for (let r = 0; r < f; r++) {
            for (let s = 0; s < f; s++) {
              for (let k = 0; k < nCPrev; k++) {
                daPrevPad[vertStart + r][horizStart + s][k] += W[r][s][k][c] * dz;
                dW[r][s][k][c] += aSlice[r][s][k] * dz;
              }
            }
          }
          db[0][0][0][c] += dz;
        }
      }
    }
    // copy the middle back, which also works when pad is 0 (unlike slice(pad, -pad))
    for (let h = 0; h < nHPrev; h++) {
      for (let w = 0; w < nWPrev; w++) {
        for (let k = 0; k < nCPrev; k++) dAPrev[i][h][w][k] = daPrevPad[h + pad][w + pad][k];
      }
    }
  }

  return [dAPrev, dW, db];
}
