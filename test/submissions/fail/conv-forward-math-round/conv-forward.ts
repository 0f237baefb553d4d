// Sample mistake: Math.round in the output size; windows that run past the padded input are cut short.
import type { ConvCache, ConvHParameters, Tensor4D } from "convgrade";
// @ts-expect-error TS2835: the grader resolves "./zero-pad" like a bundler would
import { zeroPad } from "./zero-pad";

export function convForward(APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hparameters: ConvHParameters): [Tensor4D, ConvCache] {
  const { stride, pad } = hparameters;
  const f = W.length;
  const outSize = (n: number) => Math.round((n - f + 2 * pad) / stride) + 1;
  const padded = zeroPad(APrev, pad);
  const Z = padded.map((image) =>
    Array.from({ length: outSize(APrev[0].length) }, (_, h) =>
      Array.from({ length: outSize(APrev[0][0].length) }, (_, w) =>
        b[0][0][0].map((bias, c) => {
          let z = bias;
          image.slice(h * stride, h * stride + f).forEach((row, r) =>
            row.slice(w * stride, w * stride + f).forEach((pixel, s) => pixel.forEach((v, k) => (z += v * W[r][s][k][c]))),
          );
          return z;
        }),
      ),
    ),
  );
  return [Z, [APrev, W, b, hparameters]];
}
