import type { Tensor2D } from "../types.js";

/** A boolean mask of x (f, f): true where x equals its maximum (every tie included). */
export function createMaskFromWindow(x: Tensor2D): boolean[][] {
  // -Infinity, not 0: the maximum of an all-negative window is negative.
  let max = -Infinity;
  for (const row of x) for (const value of row) max = Math.max(max, value);
  return x.map((row) => row.map((value) => value === max));
}
