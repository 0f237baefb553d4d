// Sample mistake: the padded input of example 0 is used for every example.
import type { ConvCache, ConvHParameters, Tensor4D } from "convgrade";
import { convSingleStep } from "./conv-single-step.js";
import { sliceWindow } from "./tensor-utils.js";
// @ts-expect-error TS2835: the grader resolves "./zero-pad" like a bundler would
import { zeroPad } from "./zero-pad";

export function convForward(APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hparameters: ConvHParameters): [Tensor4D, ConvCache] {
  const { stride, pad } = hparameters;
  const f = W.length;
  const nC = W[0][0][0].length;
  const nH = Math.floor((APrev[0].length - f + 2 * pad) / stride) + 1;
  const nW = Math.floor((APrev[0][0].length - f + 2 * pad) / stride) + 1;
  const [first] = zeroPad(APrev, pad);
  const filters = Array.from({ length: nC }, (_, c) => W.map((plane) => plane.map((column) => column.map((weights) => weights[c]))));
  const Z = APrev.map(() =>
    Array.from({ length: nH }, (_, h) =>
      Array.from({ length: nW }, (_, w) =>
        filters.map((filter, c) => convSingleStep(sliceWindow(first, h * stride, h * stride + f, w * stride, w * stride + f), filter, [[[b[0][0][0][c]]]])),
      ),
    ),
  );
  return [Z, [APrev, W, b, hparameters]];
}
