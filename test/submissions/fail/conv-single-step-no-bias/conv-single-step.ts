// Sample mistake: the bias is never added.
import type { Tensor3D } from "convgrade";

export const convSingleStep = (aSlicePrev: Tensor3D, W: Tensor3D, _b: Tensor3D): number =>
  aSlicePrev.reduce((acc, row, i) => acc + row.reduce((a, pixel, j) => a + pixel.reduce((p, v, k) => p + v * W[i][j][k], 0), 0), 0);
