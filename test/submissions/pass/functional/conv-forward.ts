import type { ConvForward, Tensor3D, Tensor4D } from "convgrade";
import { convSingleStep } from "./conv-single-step.js";
import { zeroPad } from "./zero-pad.js";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export const convForward: ConvForward = (APrev, W, b, hparameters) => {
  const { stride, pad } = hparameters;
  const f = W.length;
  const nC = W[0][0][0].length;
  const outSize = (n: number) => Math.floor((n - f + 2 * pad) / stride) + 1;
  const nH = outSize(APrev[0].length);
  const nW = outSize(APrev[0][0].length);
  // W[:, :, :, c] and b[:, :, :, c], taken apart once rather than at every position
  const filters: Tensor3D[] = range(nC).map((c) => W.map((row) => row.map((column) => column.map((k) => k[c]))));
  const biases: Tensor3D[] = range(nC).map((c) => [[[b[0][0][0][c]]]]);

  const Z = zeroPad(APrev, pad).map((image) =>
    range(nH).map((h) =>
      range(nW).map((w) => {
        const slice = image.slice(h * stride, h * stride + f).map((row) => row.slice(w * stride, w * stride + f));
        return Float64Array.from(filters, (filter, c) => convSingleStep(slice, filter, biases[c]));
      }),
    ),
  );
  return [Z as unknown as Tensor4D, [APrev, W, b, hparameters]];
};
