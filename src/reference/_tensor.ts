/** Small helpers on nested float64 arrays shared by the reference functions (internal). */
import type { Tensor4D } from "../types.js";

/** A fresh tensor of the given 4-D shape filled with zeros. */
export function zeros4(a: number, b: number, c: number, d: number): Tensor4D {
  return Array.from({ length: a }, () => Array.from({ length: b }, () => Array.from({ length: c }, () => new Array<number>(d).fill(0))));
}

/** Calls fn for every output position (i, h, w, c) of a windowed pass, with its window's top-left corner in the input. */
export function forEachWindow(
  shape: [m: number, nH: number, nW: number, nC: number],
  stride: number,
  fn: (i: number, h: number, w: number, c: number, vertStart: number, horizStart: number) => void,
): void {
  const [m, nH, nW, nC] = shape;
  for (let i = 0; i < m; i++) for (let h = 0; h < nH; h++) for (let w = 0; w < nW; w++) for (let c = 0; c < nC; c++) fn(i, h, w, c, h * stride, w * stride);
}
