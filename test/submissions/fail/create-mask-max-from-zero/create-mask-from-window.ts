// Sample mistake: the running maximum starts at 0.
import type { Tensor2D } from "convgrade";

export function createMaskFromWindow(x: Tensor2D): boolean[][] {
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < x[i].length; j++) {
      if (x[i][j] > max) max = x[i][j];
    }
  }
  const mask: boolean[][] = [];
  for (let i = 0; i < x.length; i++) {
    const row: boolean[] = [];
    for (let j = 0; j < x[i].length; j++) row.push(x[i][j] === max);
    mask.push(row);
  }
  return mask;
}
