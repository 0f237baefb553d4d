/**
 * Grades a mutant's answer on a case the way the grader does after the sandbox (values, cache, arguments,
 * then the hint), without a sandbox: for the tests of fingerprint hints.
 */
import type { AnyFunction } from "../../../scripts/fixtures/mistakes/registry.js";
import { type Exercise, exerciseNamed, type FunctionName } from "../../../src/exercises.js";
import type { FixtureCase } from "../../../src/fixtures/load.js";
import { checkArgumentsUnchanged, checkValue } from "../../../src/grade/check-value.js";
import type { ErrorStats } from "../../../src/grade/compare.js";
import type { Observation } from "../../../src/grade/diagnose/diagnose.js";
import { applyDiagnosis } from "../../../src/grade/grade-function.js";
import { type ChosenHint, chooseHint, fingerprintOf } from "../../../src/grade/hints.js";
import { hintHelps } from "../../../src/grade/mismatch.js";
import type { CaseResult } from "../../../src/result.js";

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

/** Arrays met twice in a value, as the sandbox child reports them: [path of a later visit, path of the first]. */
export function aliasesOf(value: unknown): [number[], number[]][] | undefined {
  const first = new Map<object, number[]>();
  const aliases: [number[], number[]][] = [];
  const walk = (node: unknown, path: number[]) => {
    if (!Array.isArray(node) && !ArrayBuffer.isView(node)) {
      if (typeof node === "object" && node !== null) for (const item of Object.values(node)) walk(item, [...path, -1]);
      return;
    }
    const seen = first.get(node);
    if (seen) {
      if (aliases.length < 8) aliases.push([path, seen]);
    } else first.set(node, path);
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(value, []);
  return aliases.length ? aliases : undefined;
}

/** A function's every case graded as the grader does, the diagnosis over its visible cases included. */
export function gradeAllLike(fn: FunctionName, impl: AnyFunction, cases: FixtureCase[]): CaseResult[] {
  const exercise: Exercise = exerciseNamed(fn);
  const seen: Omit<Observation, "testCase" | "result">[] = [];
  const results = cases.map((kase, k): CaseResult => {
    seen[k] = {};
    const base = { name: kase.name, maxPoints: kase.points, hidden: kase.hidden };
    const args = structuredClone(kase.args);
    let raw: unknown;
    try {
      raw = impl(...args);
    } catch {
      return { ...base, status: "error", points: 0 };
    }
    const value = toWire(raw);
    const stats: ErrorStats = { largestError: 0, ratio: 0 };
    const wrongValue = checkValue(exercise, kase, value, stats);
    const modified = checkArgumentsUnchanged(exercise, kase.args, toWire(args));
    const mismatch = wrongValue ?? modified;
    if (!mismatch) return { ...base, status: "pass", points: kase.points };
    const numeric = exercise.output !== "mask" && (!wrongValue || wrongValue.kind === "values" || wrongValue.kind === "scalar-value");
    const failed = { mismatch, value, stats: numeric ? stats : undefined, argumentsModified: !!modified };
    const aliases = aliasesOf(raw);
    seen[k] = { value, ...(aliases ? { aliases } : {}) };
    if (kase.hidden) return { ...base, status: "fail", points: 0 };
    const fingerprint = hintHelps(mismatch) ? fingerprintOf(exercise, kase, failed) : undefined;
    if (fingerprint) seen[k].fingerprint = fingerprint;
    return { ...base, status: "fail", points: 0, ...chooseHint(exercise, kase, failed) };
  });
  applyDiagnosis(exercise, cases, results, seen);
  return results;
}
