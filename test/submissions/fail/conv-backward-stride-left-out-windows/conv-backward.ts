// Sample mistake: the backward windows start at (h, w), not (h * stride, w * stride).
import type { ConvCache, Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";
// @ts-expect-error TS2835: the grader resolves "./zero-pad" like a bundler would
import { zeroPad } from "./zero-pad";

export function convBackward(dZ: Tensor4D, cache: ConvCache): [Tensor4D, Tensor4D, Tensor4D] {
  const [APrev, W, b, { pad }] = cache;
  const [m, nHPrev, nWPrev, nCPrev] = [APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length];
  const f = W.length;
  const nC = b[0][0][0].length;
  const padded: Tensor4D = zeroPad(APrev, pad);
  const dPadded = zeros<Tensor4D>([m, nHPrev + 2 * pad, nWPrev + 2 * pad, nCPrev]);
  const dW = zeros<Tensor4D>([f, f, nCPrev, nC]);
  const db = zeros<Tensor4D>([1, 1, 1, nC]);
  dZ.forEach((image, i) =>
    image.forEach((row, h) =>
      row.forEach((cell, w) =>
        cell.forEach((g, c) => {
          for (let r = 0; r < f; r++)
            for (let s = 0; s < f; s++)
              for (let k = 0; k < nCPrev; k++) {
                dPadded[i][h + r][w + s][k] += W[r][s][k][c] * g;
                dW[r][s][k][c] += padded[i][h + r][w + s][k] * g;
              }
          db[0][0][0][c] += g;
        }),
      ),
    ),
  );
  const dAPrev = dPadded.map((image) => image.slice(pad, pad + nHPrev).map((row) => row.slice(pad, pad + nWPrev)));
  return [dAPrev, dW, db];
}
