/** How the mutation tests grade an output: with the grader's own checks (allclose, the tie rule). */

import type { AnyFunction } from "../../../scripts/fixtures/mistakes/registry.js";
import { findExercise } from "../../../src/exercises.js";
import type { RawCase, Tolerance } from "../../../src/fixtures/schema.js";
import { checkValue } from "../../../src/grade/check-value.js";

/** The grader's default: |got - expected| <= atol + rtol * |expected| elementwise. */
export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-5, atol: 1e-8 };

/** True when got has expected's shape and every number is close (booleans must be equal). */
export function allClose(got: unknown, expected: unknown, tol: Tolerance = DEFAULT_TOLERANCE): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(got) && got.length === expected.length && expected.every((item, i) => allClose(got[i], item, tol));
  }
  if (typeof expected === "boolean") return got === expected;
  if (typeof expected === "number") {
    return typeof got === "number" && Math.abs(got - expected) <= tol.atol + tol.rtol * Math.abs(expected);
  }
  return false;
}

/** A fixture case as the tests read it from JSON. */
export type LoadedCase = RawCase;

/** Typed arrays become plain arrays, as the sandbox sends them. */
function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return Array.isArray(value) ? value.map(plain) : value;
}

/** Runs fn on a copy of the case's arguments; passes when the grader would accept its value (a throw fails). */
export function passes(functionName: string, fn: AnyFunction, kase: LoadedCase): boolean {
  const exercise = findExercise(functionName);
  if (!exercise) throw new Error(`unknown function ${functionName}`);
  let output: unknown;
  try {
    output = fn(...structuredClone(kase.args));
  } catch {
    return false;
  }
  // Forward functions return [output, cache]: the fixture holds the output only (the cache check is
  // the grader's, on the wire format, and not what these tests are about).
  const forward = exercise.output === "forward";
  const got = plain(forward && Array.isArray(output) ? output[0] : output);
  const graded = forward ? { ...exercise, output: "tensor" as const } : exercise;
  const normalised = { ...kase, points: 1, hidden: false, siblingCalls: [], tolerance: kase.tolerance ?? DEFAULT_TOLERANCE };
  return checkValue(graded, normalised, got) === undefined;
}
