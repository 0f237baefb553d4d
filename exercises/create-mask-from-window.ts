import type { Tensor2D } from "convgrade";

/**
 * Mark where the maximum of the window x (f, f) sits: true at the entries equal to the largest value
 * of the whole window, false elsewhere. The values may all be negative.
 */
export function createMaskFromWindow(x: Tensor2D): boolean[][] {
  throw new Error("Not implemented yet: createMaskFromWindow");
}
