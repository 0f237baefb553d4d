import type { Tensor2D } from "convgrade";

/**
 * Spread the gradient dz evenly over a window of shape [nH, nW]: every entry of the returned
 * (nH, nW) matrix gets the same share, so that they add up to dz.
 */
export function distributeValue(dz: number, shape: [nH: number, nW: number]): Tensor2D {
  throw new Error("Not implemented yet: distributeValue");
}
