// Sample mistake: dz is divided by nH + nW (the same as nH * nW for a 2x2 window).
import type { Tensor2D } from "convgrade";
import { zeros } from "./tensor-utils.js";

export function distributeValue(dz: number, shape: [nH: number, nW: number]): Tensor2D {
  const [nH, nW] = shape;
  const average = dz / (nH + nW);
  const a = zeros<Tensor2D>([nH, nW]);
  for (let i = 0; i < nH; i++) {
    for (let j = 0; j < nW; j++) a[i][j] = average;
  }
  return a;
}
