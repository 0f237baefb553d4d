// Sample mistake: a cell is marked whenever it beats the maximum seen so far, so earlier running maxima stay marked.
import type { Tensor2D } from "convgrade";

export function createMaskFromWindow(x: Tensor2D): boolean[][] {
  let seen = -Infinity;
  const mask: boolean[][] = [];
  for (const row of x) {
    mask.push(
      row.map((v) => {
        const beats = v > seen;
        if (beats) seen = v;
        return beats;
      }),
    );
  }
  return mask;
}
