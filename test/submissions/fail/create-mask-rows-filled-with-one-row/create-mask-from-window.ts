// Sample mistake: the mask's rows made with new Array(n).fill(row): marking a cell marks its column in every row.
import type { Tensor2D } from "convgrade";

export function createMaskFromWindow(x: Tensor2D): boolean[][] {
  const best = x.reduce((top, row) => row.reduce((t, v) => (v > t ? v : t), top), Number.NEGATIVE_INFINITY);
  const mask: boolean[][] = new Array(x.length).fill(new Array(x[0].length).fill(false));
  for (const [i, row] of x.entries()) for (const [j, v] of row.entries()) if (v === best) mask[i][j] = true;
  return mask;
}
