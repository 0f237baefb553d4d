/** How the mutation tests grade an output: with an allclose and a tie rule of their own, not the grader's. */

import { poolBackwardWith } from "../../../scripts/fixtures/mistakes/pool.js";
import type { AnyFunction } from "../../../scripts/fixtures/mistakes/registry.js";
import { findExercise } from "../../../src/exercises.js";
import type { RawCase, Tolerance } from "../../../src/fixtures/schema.js";

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

/** A mask answer the course allows on ties: the expected mask, or exactly one of its marked cells. */
function allowedMask(got: unknown, expected: unknown): boolean {
  if (!Array.isArray(got) || !Array.isArray(expected) || got.length !== expected.length) return false;
  let marked = 0;
  let same = true;
  for (let i = 0; i < expected.length; i++) {
    const row = got[i];
    const want = expected[i] as unknown[];
    if (!Array.isArray(row) || row.length !== want.length) return false;
    for (let j = 0; j < want.length; j++) {
      if (row[j] !== true && row[j] !== false && row[j] !== 0 && row[j] !== 1) return false;
      const cell = row[j] === true || row[j] === 1;
      if (cell && want[j] !== true) return false;
      if (cell) marked++;
      if (cell !== (want[j] === true)) same = false;
    }
  }
  return same || marked === 1;
}

/**
 * Runs fn on a copy of the case's arguments; passes when the output is close to the expected one by this
 * file's own allClose (not the grader's comparison, so a bug there cannot hide here), or on tie cases
 * is one of the other answers the course allows.
 */
export function passes(functionName: string, fn: AnyFunction, kase: LoadedCase): boolean {
  const exercise = findExercise(functionName);
  if (!exercise) throw new Error(`unknown function ${functionName}`);
  let output: unknown;
  try {
    output = fn(...structuredClone(kase.args));
  } catch {
    return false;
  }
  // Forward functions return [output, cache]: the fixture holds the output only.
  const got = plain(exercise.output === "forward" && Array.isArray(output) ? output[0] : output);
  const tolerance = kase.tolerance ?? DEFAULT_TOLERANCE;
  if (exercise.output === "mask") return allowedMask(got, kase.expected);
  if (allClose(got, kase.expected, tolerance)) return true;
  // The other answer on ties: the gradient sent to the first of the tied maxima.
  const ties = kase.targets?.some((target) => target.startsWith("edge: ties")) ?? false;
  return (
    ties &&
    functionName === "poolBackward" &&
    allClose(got, (poolBackwardWith({ firstTieOnly: true }) as AnyFunction)(...structuredClone(kase.args)), tolerance)
  );
}
