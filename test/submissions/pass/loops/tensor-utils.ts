import type { Tensor3D } from "convgrade";

/** A fresh nested array of zeros: zeros([2, 3]) gives [[0, 0, 0], [0, 0, 0]]. */
export function zeros<T = number[]>(shape: number[]): T {
  if (shape.length === 1) return new Array(shape[0]).fill(0) as T;
  const out = [];
  for (let i = 0; i < shape[0]; i++) out.push(zeros(shape.slice(1)));
  return out as T;
}

/** a[vertStart:vertEnd, horizStart:horizEnd, :] like numpy, as a new array. */
export function sliceWindow(a: Tensor3D, vertStart: number, vertEnd: number, horizStart: number, horizEnd: number): Tensor3D {
  const out: Tensor3D = [];
  for (const row of a.slice(vertStart, vertEnd)) {
    out.push(row.slice(horizStart, horizEnd).map((pixel) => pixel.slice()));
  }
  return out;
}
