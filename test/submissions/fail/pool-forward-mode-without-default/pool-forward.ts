// Sample mistake: mode has no default, so a call that leaves it out takes the average branch.
import type { PoolCache, PoolHParameters, PoolMode, Tensor4D } from "convgrade";

export function poolForward(APrev: Tensor4D, hparameters: PoolHParameters, mode?: PoolMode): [Tensor4D, PoolCache] {
  const { f, stride } = hparameters;
  const nH = 1 + Math.floor((APrev[0].length - f) / stride);
  const nW = 1 + Math.floor((APrev[0][0].length - f) / stride);
  const pick = mode === "max" ? (v: number[]) => Math.max(...v) : (v: number[]) => v.reduce((a, x) => a + x) / v.length;
  const A = APrev.map((image) =>
    Array.from({ length: nH }, (_, h) =>
      Array.from({ length: nW }, (_, w) =>
        image[0][0].map((_, c) => pick(image.slice(h * stride, h * stride + f).flatMap((row) => row.slice(w * stride, w * stride + f).map((p) => p[c])))),
      ),
    ),
  );
  return [A, [APrev, hparameters]];
}
