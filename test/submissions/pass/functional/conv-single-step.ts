import type { ConvSingleStep } from "convgrade";

export const convSingleStep: ConvSingleStep = (aSlicePrev, W, b) =>
  aSlicePrev.reduce(
    (total, plane, i) => total + plane.reduce((sum, row, j) => sum + row.reduce((acc, a, k) => acc + a * W[i][j][k], 0), 0),
    0,
  ) + Number(b[0][0][0]);
