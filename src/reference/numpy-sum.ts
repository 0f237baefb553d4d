/**
 * numpy's summation order for `np.sum` over a contiguous float64 array (pairwise, 8-way unrolled), so the
 * reference reproduces the course's printed digits bit for bit rather than to rounding.
 */
import { leaves } from "../tensor.js";

/** Block size below which numpy stops splitting (PW_BLOCKSIZE in numpy's loops). */
const BLOCK = 128;

function pairwise(values: readonly number[], start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[start + i];
    return res;
  }
  if (n <= BLOCK) {
    const r = values.slice(start, start + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] += values[start + i + j];
    }
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += values[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(values, start, n2) + pairwise(values, start + n2, n - n2);
}

/** Sum of a flat list in numpy's order for a contiguous array: `np.sum(values)`. */
export function numpySum(values: readonly number[]): number {
  // numpy starts the reduction from the identity 0 and adds the pairwise sum of every element.
  return 0 + pairwise(values, 0, values.length);
}

/** All numbers of a nested array in C (row-major) order. */
export function flatten(tensor: unknown): number[] {
  return leaves(tensor) as number[];
}

/** `np.mean` of a nested array, summed in numpy's order. */
export function numpyMean(tensor: unknown): number {
  const values = flatten(tensor);
  return numpySum(values) / values.length;
}
