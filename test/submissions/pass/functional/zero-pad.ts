import type { ZeroPad } from "convgrade";

// Zero rows are Float64Arrays: they start at 0 and cost less than arrays of numbers.
const zeroPixels = (count: number, nC: number) => Array.from({ length: count }, () => new Float64Array(nC));

export const zeroPad: ZeroPad = (X, pad) =>
  X.map((image) => {
    const nW = image[0].length;
    const nC = image[0][0].length;
    const zeroRow = () => zeroPixels(nW + 2 * pad, nC);
    const rows = [
      ...Array.from({ length: pad }, zeroRow),
      ...image.map((row) => [...zeroPixels(pad, nC), ...row.map((pixel) => Float64Array.from(pixel)), ...zeroPixels(pad, nC)]),
      ...Array.from({ length: pad }, zeroRow),
    ];
    return rows as unknown as number[][][];
  });
