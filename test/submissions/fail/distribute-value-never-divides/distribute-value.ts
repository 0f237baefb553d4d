// Sample mistake: every cell gets the whole of dz.
import type { Tensor2D } from "convgrade";

export function distributeValue(dz: number, shape: [number, number]): Tensor2D {
  const [nH, nW] = shape;
  const out: Tensor2D = [];
  for (let h = 0; h < nH; h++) out.push(Array.from({ length: nW }, () => dz));
  return out;
}
