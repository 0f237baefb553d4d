import type { Tensor3D } from "../types.js";
import { numpySum } from "./numpy-sum.js";

/** One filter on one slice: sum(aSlicePrev * W) + b, summed in numpy's order like the course's `np.sum`. */
export function convSingleStep(aSlicePrev: Tensor3D, W: Tensor3D, b: Tensor3D): number {
  const products: number[] = [];
  for (let i = 0; i < aSlicePrev.length; i++)
    for (let j = 0; j < aSlicePrev[i].length; j++) for (let k = 0; k < aSlicePrev[i][j].length; k++) products.push(aSlicePrev[i][j][k] * W[i][j][k]);
  // The course sums first, then adds float(b): adding b to each product would change the digits.
  return numpySum(products) + b[0][0][0];
}
