import type { PoolBackward, PoolMode, Tensor2D, Tensor4D } from "convgrade";
import { createMaskFromWindow } from "./create-mask-from-window.js";
import { distributeValue } from "./distribute-value.js";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export const poolBackward: PoolBackward = (dA, cache, mode: PoolMode = "max") => {
  const [APrev, { f, stride }] = cache;
  const [nH, nW, nC] = [dA[0].length, dA[0][0].length, dA[0][0][0].length];

  // share[i][h][w][c] is what window (h, w) hands back to each of its f×f inputs
  const share: Tensor2D[][][][] = APrev.map((image, i) =>
    range(nH).map((h) =>
      range(nW).map((w) =>
        range(nC).map((c) => {
          const da = dA[i][h][w][c];
          if (mode === "average") return distributeValue(da, [f, f]);
          const window = image.slice(h * stride, h * stride + f).map((row) => row.slice(w * stride, w * stride + f).map((pixel) => pixel[c]));
          return createMaskFromWindow(window).map((row) => row.map((isMax) => (isMax ? da : 0)));
        }),
      ),
    ),
  );

  // windows covering input row y, with the row inside the window
  const covering = (y: number, nOut: number) =>
    range(nOut).filter((h) => y - h * stride >= 0 && y - h * stride < f).map((h) => [h, y - h * stride]);

  const dAPrev = APrev.map((image, i) =>
    image.map((row, y) =>
      row.map((pixel, x) =>
        Float64Array.from(pixel, (_, c) =>
          covering(y, nH).reduce((total, [h, r]) => total + covering(x, nW).reduce((t, [w, s]) => t + share[i][h][w][c][r][s], 0), 0),
        ),
      ),
    ),
  );
  return dAPrev as unknown as Tensor4D;
};
