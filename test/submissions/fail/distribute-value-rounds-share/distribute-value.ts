// Sample mistake: the share is rounded to 6 decimals, so dz = 1e-7 over (2,2) gives 0 (poolBackward imports it).
import type { Tensor2D } from "convgrade";
import { zeros } from "./tensor-utils.js";

export function distributeValue(dz: number, shape: [nH: number, nW: number]): Tensor2D {
  const [nH, nW] = shape;
  const average = Number((dz / (nH * nW)).toFixed(6));
  const a = zeros<Tensor2D>([nH, nW]);
  for (let i = 0; i < nH; i++) {
    for (let j = 0; j < nW; j++) a[i][j] = average;
  }
  return a;
}
