// Sample mistake: the output size leaves out the + 1: (nHPrev - f) / stride windows, one too few.
import type { PoolCache, PoolHParameters, PoolMode, Tensor4D } from "convgrade";

export function poolForward(APrev: Tensor4D, hparameters: PoolHParameters, mode: PoolMode = "max"): [Tensor4D, PoolCache] {
  const { f, stride } = hparameters;
  const rows = Math.floor((APrev[0].length - f) / stride);
  const cols = Math.floor((APrev[0][0].length - f) / stride);
  const A = APrev.map((image) => {
    const out: number[][][] = [];
    for (let h = 0; h < rows; h++) {
      const line: number[][] = [];
      for (let w = 0; w < cols; w++) {
        const window = image.slice(h * stride, h * stride + f).flatMap((row) => row.slice(w * stride, w * stride + f));
        line.push(window[0].map((_, c) => {
          const values = window.map((pixel) => pixel[c]);
          return mode === "max" ? Math.max(...values) : values.reduce((a, v) => a + v, 0) / values.length;
        }));
      }
      out.push(line);
    }
    return out;
  });
  return [A, [APrev, hparameters]];
}
