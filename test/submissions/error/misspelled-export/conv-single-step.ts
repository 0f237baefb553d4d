import type { Tensor3D } from "convgrade";

export function conv_single_step(aSlicePrev: Tensor3D, W: Tensor3D, b: Tensor3D): number {
  let s = 0;
  for (let i = 0; i < aSlicePrev.length; i++) {
    for (let j = 0; j < aSlicePrev[i].length; j++) {
      for (let k = 0; k < aSlicePrev[i][j].length; k++) {
        s += aSlicePrev[i][j][k] * W[i][j][k];
      }
    }
  }
  // b is (1, 1, 1): add its number once, after the sum
  const Z = s + b[0][0][0];
  return Z;
}
