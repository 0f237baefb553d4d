import type { ConvCache, ConvHParameters, Tensor3D, Tensor4D } from "../types.js";
import { zeros4 } from "./_tensor.js";
import { convSingleStep as convSingleStepUntraced } from "./conv-single-step.js";
import { traced } from "./trace.js";
import { zeroPad as zeroPadUntraced } from "./zero-pad.js";

const convSingleStep = traced("convSingleStep", convSingleStepUntraced);
const zeroPad = traced("zeroPad", zeroPadUntraced);

/** Forward convolution: Z (m, nH, nW, nC) and the cache [APrev, W, b, hparameters]. */
export function convForward(APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hparameters: ConvHParameters): [Tensor4D, ConvCache] {
  const { stride, pad } = hparameters;
  const m = APrev.length;
  const nHPrev = APrev[0].length;
  const nWPrev = APrev[0][0].length;
  const f = W.length;
  const nC = W[0][0][0].length;
  const nH = Math.floor((nHPrev - f + 2 * pad) / stride) + 1;
  const nW = Math.floor((nWPrev - f + 2 * pad) / stride) + 1;
  const Z = zeros4(m, nH, nW, nC);
  const APrevPad = zeroPad(APrev, pad);
  // W[:, :, :, c] and b[:, :, :, c] once per channel rather than once per window.
  const filters: Tensor3D[] = [];
  const biases: Tensor3D[] = [];
  for (let c = 0; c < nC; c++) {
    filters.push(W.map((row) => row.map((col) => col.map((k) => k[c]))));
    biases.push([[[b[0][0][0][c]]]]);
  }
  for (let i = 0; i < m; i++) {
    for (let h = 0; h < nH; h++) {
      const vertStart = h * stride;
      for (let w = 0; w < nW; w++) {
        const horizStart = w * stride;
        const slice: Tensor3D = [];
        for (let r = 0; r < f; r++) slice.push(APrevPad[i][vertStart + r].slice(horizStart, horizStart + f));
        for (let c = 0; c < nC; c++) Z[i][h][w][c] = convSingleStep(slice, filters[c], biases[c]);
      }
    }
  }
  return [Z, [APrev, W, b, hparameters]];
}
