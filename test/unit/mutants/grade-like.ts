/**
 * Grades a mutant's answer on a case the way the grader does after the sandbox (values, cache, arguments,
 * then the hint), without a sandbox: for the tests of fingerprint hints.
 */
import type { AnyFunction } from "../../../scripts/fixtures/mistakes/registry.js";
import { type Exercise, exerciseNamed, type FunctionName } from "../../../src/exercises.js";
import type { FixtureCase } from "../../../src/fixtures/load.js";
import { checkArgumentsUnchanged, checkValue } from "../../../src/grade/check-value.js";
import type { ErrorStats } from "../../../src/grade/compare.js";
import { type ChosenHint, chooseHint } from "../../../src/grade/hints.js";

/** A value as the sandbox sends it: plain arrays, objects as { $wire: "object", entries }. */
export function toWire(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === "object" && value !== null) {
    return { $wire: "object", ctor: "Object", entries: Object.entries(value).map(([key, item]) => [key, toWire(item)]) };
  }
  return value;
}

/** How a graded answer came out: passed, or failed with the hint the learner would read. */
export type Graded = { status: "pass" } | { status: "error" } | ({ status: "fail" } & ChosenHint);

/** Grades what `impl` (or a transform of its output) returns on a case, as the grader would. */
export function gradeLike(fn: FunctionName, impl: AnyFunction, kase: FixtureCase, transform: (value: unknown) => unknown = (v) => v): Graded {
  const exercise: Exercise = exerciseNamed(fn);
  const args = structuredClone(kase.args);
  let value: unknown;
  try {
    value = transform(toWire(impl(...args)));
  } catch {
    return { status: "error" };
  }
  const stats: ErrorStats = { largestError: 0, ratio: 0 };
  const wrongValue = checkValue(exercise, kase, value, stats);
  const modified = checkArgumentsUnchanged(exercise, kase.args, toWire(args));
  const mismatch = wrongValue ?? modified;
  if (!mismatch) return { status: "pass" };
  const numeric = exercise.output !== "mask" && (!wrongValue || wrongValue.kind === "values" || wrongValue.kind === "scalar-value");
  return { status: "fail", ...chooseHint(exercise, kase, { mismatch, value, stats: numeric ? stats : undefined, argumentsModified: !!modified }) };
}
