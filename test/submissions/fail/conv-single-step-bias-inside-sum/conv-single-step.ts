// Sample mistake: the bias is added inside the sum, once per element.
import type { Tensor3D } from "convgrade";

export function convSingleStep(aSlicePrev: Tensor3D, W: Tensor3D, b: Tensor3D): number {
  let s = 0;
  for (let i = 0; i < aSlicePrev.length; i++) {
    for (let j = 0; j < aSlicePrev[i].length; j++) {
      for (let k = 0; k < aSlicePrev[i][j].length; k++) {
        s += aSlicePrev[i][j][k] * W[i][j][k] + b[0][0][0];
      }
    }
  }
  const Z = s;
  return Z;
}
