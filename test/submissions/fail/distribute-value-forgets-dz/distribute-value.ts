// Sample mistake: dz is left out of the share.
import type { Tensor2D } from "convgrade";
import { zeros } from "./tensor-utils.js";

export function distributeValue(dz: number, shape: [nH: number, nW: number]): Tensor2D {
  const [nH, nW] = shape;
  const average = 1 / (nH * nW);
  const a = zeros<Tensor2D>([nH, nW]);
  for (let i = 0; i < nH; i++) {
    for (let j = 0; j < nW; j++) a[i][j] = average;
  }
  return a;
}
