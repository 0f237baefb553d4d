import type { DistributeValue, Tensor2D } from "convgrade";

export const distributeValue: DistributeValue = (dz, [nH, nW]) =>
  Array.from({ length: nH }, () => new Float64Array(nW).fill(dz / (nH * nW))) as unknown as Tensor2D;
