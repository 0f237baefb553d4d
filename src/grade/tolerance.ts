/**
 * The one closeness rule of numeric grading, numpy's allclose taken elementwise: a value passes when
 * |got - expected| <= atol + rtol·|expected|. Kept in one place so that the verdict, the ratio --verbose
 * shows, the cells the diff marks and the grid of mistake fingerprints can never disagree.
 */
import type { Tolerance } from "../fixtures/schema.js";

/** The error the tolerance allows around an expected value: atol + rtol·|expected|. */
export function allowedError(expected: number, tolerance: Tolerance): number {
  // An expected 0 allows atol alone, even with an infinite rtol (a check of shape only): not Infinity·0, NaN.
  return tolerance.atol + (expected === 0 ? 0 : tolerance.rtol * Math.abs(expected));
}

/** Whether a number is within the tolerance of the expected one (a NaN never is). */
export function withinTolerance(got: number, expected: number, tolerance: Tolerance): boolean {
  return Math.abs(got - expected) <= allowedError(expected, tolerance);
}

/** An error as a share of what the tolerance allows there: above 1 fails; Infinity when nothing is allowed. */
export function toleranceRatio(error: number, expected: number, tolerance: Tolerance): number {
  const allowed = allowedError(expected, tolerance);
  return allowed > 0 ? error / allowed : error > 0 ? Number.POSITIVE_INFINITY : 0;
}
