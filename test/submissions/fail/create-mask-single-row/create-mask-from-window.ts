// Sample mistake: the maximum is taken over the first row, not the window.
import type { Tensor2D } from "convgrade";

export function createMaskFromWindow(x: Tensor2D): boolean[][] {
  const max = Math.max(...x[0]);
  const mask: boolean[][] = [];
  for (let i = 0; i < x.length; i++) {
    const row: boolean[] = [];
    for (let j = 0; j < x[i].length; j++) row.push(x[i][j] === max);
    mask.push(row);
  }
  return mask;
}
