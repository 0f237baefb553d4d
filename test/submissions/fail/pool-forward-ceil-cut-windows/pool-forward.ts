// Sample mistake: Math.ceil in the output size; the windows past the edge keep the cells that exist.
import type { PoolCache, PoolHParameters, PoolMode, Tensor4D } from "convgrade";

export function poolForward(APrev: Tensor4D, hparameters: PoolHParameters, mode: PoolMode = "max"): [Tensor4D, PoolCache] {
  const { f, stride } = hparameters;
  const nH = Math.ceil((APrev[0].length - f) / stride) + 1;
  const nW = Math.ceil((APrev[0][0].length - f) / stride) + 1;
  const A = APrev.map((image) =>
    Array.from({ length: nH }, (_, h) =>
      Array.from({ length: nW }, (_, w) => {
        const cells = image.slice(h * stride, h * stride + f).flatMap((row) => row.slice(w * stride, w * stride + f));
        return image[0][0].map((_, c) => {
          const v = cells.map((p) => p[c]);
          return mode === "average" ? v.reduce((a, x) => a + x, 0) / v.length : Math.max(...v);
        });
      }),
    ),
  );
  return [A, [APrev, hparameters]];
}
