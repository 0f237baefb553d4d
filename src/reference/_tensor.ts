/** Small helpers on nested float64 arrays shared by the reference functions (internal). */
import type { Tensor4D } from "../types.js";

/** A fresh tensor of the given 4-D shape filled with zeros. */
export function zeros4(a: number, b: number, c: number, d: number): Tensor4D {
  return Array.from({ length: a }, () => Array.from({ length: b }, () => Array.from({ length: c }, () => new Array<number>(d).fill(0))));
}
