import type { Tensor2D } from "../types.js";

/** An (nH, nW) matrix in which every cell holds dz / (nH * nW), so the cells sum back to dz. */
export function distributeValue(dz: number, shape: [nH: number, nW: number]): Tensor2D {
  const [nH, nW] = shape;
  const average = dz / (nH * nW);
  return Array.from({ length: nH }, () => new Array<number>(nW).fill(average));
}
