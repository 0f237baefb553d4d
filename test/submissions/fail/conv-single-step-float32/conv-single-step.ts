// Sample mistake: a Float32Array accumulator; terms that cancel lose their digits (convForward imports it).
import type { Tensor3D } from "convgrade";

export function convSingleStep(aSlicePrev: Tensor3D, W: Tensor3D, b: Tensor3D): number {
  const s = new Float32Array(1);
  for (let i = 0; i < aSlicePrev.length; i++) {
    for (let j = 0; j < aSlicePrev[i].length; j++) {
      for (let k = 0; k < aSlicePrev[i][j].length; k++) {
        s[0] += aSlicePrev[i][j][k] * W[i][j][k];
      }
    }
  }
  return s[0] + b[0][0][0];
}
