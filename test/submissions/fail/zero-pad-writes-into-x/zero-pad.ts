// Sample mistake: X itself is padded and returned, so the caller's array changes.
import type { Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

export function zeroPad(X: Tensor4D, pad: number): Tensor4D {
  const nW = X[0][0].length;
  const nC = X[0][0][0].length;
  for (const image of X) {
    for (const row of image) {
      for (let p = 0; p < pad; p++) {
        row.unshift(zeros([nC]));
        row.push(zeros([nC]));
      }
    }
    for (let p = 0; p < pad; p++) {
      image.unshift(zeros([nW + 2 * pad, nC]));
      image.push(zeros([nW + 2 * pad, nC]));
    }
  }
  return X;
}
