/** Small helpers on nested float64 arrays shared by the reference functions (internal). */
import type { Tensor4D } from "../types.js";

/** The shape of a nested array, read along its first elements. */
export function shapeOf(tensor: unknown): number[] {
  const shape: number[] = [];
  let node = tensor;
  while (Array.isArray(node)) {
    shape.push(node.length);
    node = node[0];
  }
  return shape;
}

/** A fresh tensor of the given 4-D shape filled with zeros. */
export function zeros4(a: number, b: number, c: number, d: number): Tensor4D {
  return Array.from({ length: a }, () =>
    Array.from({ length: b }, () => Array.from({ length: c }, () => new Array<number>(d).fill(0))),
  );
}
