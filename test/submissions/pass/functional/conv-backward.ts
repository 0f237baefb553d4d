import type { ConvBackward, Tensor4D } from "convgrade";
import { zeroPad } from "./zero-pad.js";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sum = (values: number[]) => values.reduce((a, v) => a + v, 0);

/**
 * Gathers instead of scattering: each gradient entry sums the terms that reach it, so nothing is
 * accumulated in place and no padded copy of dAPrev has to be cut back.
 */
export const convBackward: ConvBackward = (dZ, cache) => {
  const [APrev, W, , { stride, pad }] = cache;
  const f = W.length;
  const [nCPrev, nC] = [W[0][0].length, W[0][0][0].length];
  const [nH, nW] = [dZ[0].length, dZ[0][0].length];
  const APrevPad = zeroPad(APrev, pad);

  // the output rows h whose window covers padded row y, with the filter row y - h·stride
  const covering = (y: number, nOut: number) =>
    range(nOut).filter((h) => y - h * stride >= 0 && y - h * stride < f).map((h) => [h, y - h * stride]);

  const dAPrev = APrev.map((image, i) =>
    image.map((row, y) =>
      row.map((_, x) =>
        Float64Array.from(range(nCPrev), (k) =>
          sum(
            covering(y + pad, nH).flatMap(([h, r]) =>
              covering(x + pad, nW).flatMap(([w, s]) => range(nC).map((c) => W[r][s][k][c] * dZ[i][h][w][c])),
            ),
          ),
        ),
      ),
    ),
  );

  const dW = range(f).map((r) =>
    range(f).map((s) =>
      range(nCPrev).map((k) =>
        Float64Array.from(range(nC), (c) =>
          sum(
            dZ.flatMap((dz, i) =>
              range(nH).flatMap((h) => range(nW).map((w) => APrevPad[i][h * stride + r][w * stride + s][k] * dz[h][w][c])),
            ),
          ),
        ),
      ),
    ),
  );

  const db = [[[Float64Array.from(range(nC), (c) => sum(dZ.flatMap((dz) => dz.flatMap((row) => row.map((pixel) => pixel[c])))))]]];

  return [dAPrev, dW, db] as unknown as [Tensor4D, Tensor4D, Tensor4D];
};
