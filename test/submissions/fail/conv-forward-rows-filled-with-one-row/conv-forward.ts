// Sample mistake: Z's rows made with Array(nH).fill(row): every row of an example is one array, so each
// holds the last row written.
import type { ConvCache, ConvHParameters, Tensor4D } from "convgrade";

export function convForward(APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hparameters: ConvHParameters): [Tensor4D, ConvCache] {
  const { pad, stride } = hparameters;
  const [m, nHPrev, nWPrev] = [APrev.length, APrev[0].length, APrev[0][0].length];
  const f = W.length;
  const nC = W[0][0][0].length;
  const nH = Math.floor((nHPrev + 2 * pad - f) / stride) + 1;
  const nW = Math.floor((nWPrev + 2 * pad - f) / stride) + 1;
  const read = (i: number, y: number, x: number, k: number) =>
    y < pad || x < pad || y >= nHPrev + pad || x >= nWPrev + pad ? 0 : APrev[i][y - pad][x - pad][k];
  const Z: Tensor4D = [];
  for (let i = 0; i < m; i++) {
    const blank = Array.from({ length: nW }, () => new Array<number>(nC).fill(0));
    const image: number[][][] = new Array(nH).fill(blank);
    for (let h = 0; h < nH; h++)
      for (let w = 0; w < nW; w++)
        for (let c = 0; c < nC; c++) {
          let z = b[0][0][0][c];
          W.forEach((plane, r) => plane.forEach((column, s) => column.forEach((weights, k) => (z += read(i, h * stride + r, w * stride + s, k) * weights[c]))));
          image[h][w][c] = z;
        }
    Z.push(image);
  }
  return [Z, [APrev, W, b, hparameters]];
}
