// Sample mistake: the result is b's (1,1,1) array, not a number.
import type { Tensor3D } from "convgrade";

export function convSingleStep(aSlicePrev: Tensor3D, W: Tensor3D, b: Tensor3D): number {
  let s = 0;
  for (let i = 0; i < aSlicePrev.length; i++) {
    for (let j = 0; j < aSlicePrev[i].length; j++) {
      for (let k = 0; k < aSlicePrev[i][j].length; k++) {
        s += aSlicePrev[i][j][k] * W[i][j][k];
      }
    }
  }
  // like np.sum(...) + b: the result keeps b's shape
  const Z = b.map((row) => row.map((column) => column.map((bias) => s + bias)));
  return Z as unknown as number;
}
