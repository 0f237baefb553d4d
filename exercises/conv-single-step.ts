import type { Tensor3D } from "convgrade";

/**
 * Apply one filter W (f, f, nCPrev) at one position: multiply it element by element with the slice of
 * the input under it, add everything up, then add the bias.
 * - b has shape (1, 1, 1): its single number is added once, after the sum.
 * - Return a plain number, not an array.
 */
export function convSingleStep(aSlicePrev: Tensor3D, W: Tensor3D, b: Tensor3D): number {
  throw new Error("Not implemented yet: convSingleStep");
}
