// On ties, only the first maximum is marked: the course allows either (poolBackward imports it).
import type { Tensor2D } from "convgrade";

export function createMaskFromWindow(x: Tensor2D): boolean[][] {
  let best = [0, 0];
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < x[i].length; j++) if (x[i][j] > x[best[0]][best[1]]) best = [i, j];
  }
  return x.map((row, i) => row.map((_, j) => i === best[0] && j === best[1]));
}
