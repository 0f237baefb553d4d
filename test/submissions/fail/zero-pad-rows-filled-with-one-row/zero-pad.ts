// Sample mistake: every padded image is Array(nH + 2 * pad).fill(row): all its rows are one array.
import type { Tensor4D } from "convgrade";

export const zeroPad = (X: Tensor4D, pad: number): Tensor4D =>
  X.map((image) => {
    const width = image[0].length + 2 * pad;
    const channels = image[0][0].length;
    const row = Array.from({ length: width }, () => Array<number>(channels).fill(0));
    const out: number[][][] = Array(image.length + 2 * pad).fill(row);
    image.forEach((line, h) => line.forEach((pixel, w) => pixel.forEach((v, c) => (out[h + pad][w + pad][c] = v))));
    return out;
  });
