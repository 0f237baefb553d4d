// Sample mistake: convForward never adds b.
import type { ConvCache, ConvHParameters, Tensor4D } from "convgrade";
import { sliceWindow } from "./tensor-utils.js";
// @ts-expect-error TS2835: the grader resolves "./zero-pad" like a bundler would
import { zeroPad } from "./zero-pad";

export function convForward(APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hparameters: ConvHParameters): [Tensor4D, ConvCache] {
  const { stride, pad } = hparameters;
  const f = W.length;
  const nC = W[0][0][0].length;
  const nH = Math.floor((APrev[0].length - f + 2 * pad) / stride) + 1;
  const nW = Math.floor((APrev[0][0].length - f + 2 * pad) / stride) + 1;
  const Z = zeroPad(APrev, pad).map((image: number[][][]) =>
    Array.from({ length: nH }, (_, h) =>
      Array.from({ length: nW }, (_, w) => {
        const window = sliceWindow(image, h * stride, h * stride + f, w * stride, w * stride + f);
        return Array.from({ length: nC }, (_, c) => window.flat().reduce((sum, pixel, p) => sum + pixel.reduce((t, v, k) => t + v * W[Math.floor(p / f)][p % f][k][c], 0), 0));
      }),
    ),
  );
  return [Z, [APrev, W, b, hparameters]];
}
