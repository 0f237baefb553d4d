// Sample mistake: hyper-parameters read by position, as if always {pad, stride}.
import type { ConvCache, ConvHParameters, Tensor3D, Tensor4D } from "convgrade";
// @ts-expect-error TS2835: NodeNext typing wants an extension, but the grader resolves "./zero-pad" like a bundler would
import { zeroPad } from "./zero-pad";
import { convSingleStep } from "./conv-single-step.js";
import { sliceWindow, zeros } from "./tensor-utils.js";

export function convForward(
  APrev: Tensor4D,
  W: Tensor4D,
  b: Tensor4D,
  hparameters: ConvHParameters,
): [Tensor4D, ConvCache] {
  const m = APrev.length;
  const nHPrev = APrev[0].length;
  const nWPrev = APrev[0][0].length;
  const f = W.length;
  const nCPrev = W[0][0].length;
  const nC = W[0][0][0].length;
  
  const [pad, stride] = Object.values(hparameters);

  const nH = Math.floor((nHPrev - f + 2 * pad) / stride) + 1;
  const nW = Math.floor((nWPrev - f + 2 * pad) / stride) + 1;
  const Z = zeros<Tensor4D>([m, nH, nW, nC]);
  const APrevPad = zeroPad(APrev, pad);

  for (let i = 0; i < m; i++) {
    const aPrevPad = APrevPad[i];
    for (let h = 0; h < nH; h++) {
      const vertStart = h * stride;
      const vertEnd = vertStart + f;
      for (let w = 0; w < nW; w++) {
        const horizStart = w * stride;
        const horizEnd = horizStart + f;
        for (let c = 0; c < nC; c++) {
          const aSlicePrev = sliceWindow(aPrevPad, vertStart, vertEnd, horizStart, horizEnd);
          // W[:, :, :, c] and b[:, :, :, c]
          const weights = zeros<Tensor3D>([f, f, nCPrev]);
          for (let r = 0; r < f; r++) {
            for (let s = 0; s < f; s++) {
              for (let k = 0; k < nCPrev; k++) weights[r][s][k] = W[r][s][k][c];
            }
          }
          const biases = [[[b[0][0][0][c]]]];
          Z[i][h][w][c] = convSingleStep(aSlicePrev, weights, biases);
        }
      }
    }
  }

  const cache: ConvCache = [APrev, W, b, hparameters];
  return [Z, cache];
}
