/**
 * Comparison of learner values (as received from the sandbox) with expected values: type and shape
 * first, then values like numpy's allclose. Every function returns what is wrong as data (a Mismatch,
 * see ./mismatch.ts, where it becomes words), or undefined when the value is right. Input is
 * untrusted: any structure, cycles included, is handled.
 */
import type { Tolerance } from "../fixtures/schema.js";
import { MAX_VALUE_DEPTH } from "../limits.js";
import { firstAt, shapeOf, shapeUpTo, walkPair } from "../tensor.js";
import { diffSlice } from "./diff-slice.js";
import { type Axis, type Difference, isWireTag, type Mismatch, type Path } from "./mismatch.js";
import { toleranceRatio, withinTolerance } from "./tolerance.js";

/** How to compare and how to name things in messages. */
export interface CompareOptions {
  /** name used in messages: "Z", "dAPrev" */
  name: string;
  tolerance: Tolerance;
  /** names of the axes, for shape messages: ["m", "nH", "nW", "nC"] */
  axes?: readonly string[];
  /** when given, gets the largest error of the values compared, and its ratio to what the tolerance allows */
  stats?: ErrorStats;
}

/** The largest error met, absolute and against the tolerance (above 1 fails). */
export interface ErrorStats {
  largestError: number;
  ratio: number;
}

/** Records an element's error in the stats: |got - expected|, and its share of what the tolerance allows. */
function record(stats: ErrorStats | undefined, error: number, expected: number, tolerance: Tolerance): void {
  if (!stats) return;
  stats.largestError = Math.max(stats.largestError, error);
  stats.ratio = Math.max(stats.ratio, toleranceRatio(error, expected, tolerance));
}

/** Checks a value that must be a plain number. */
export function compareScalar(got: unknown, expected: number, options: CompareOptions): Mismatch | undefined {
  const { name: tensor, tolerance } = options;
  if (typeof got !== "number") {
    if (Array.isArray(got)) return { kind: "array-for-number", tensor, shape: shapeUpTo(got, 8) };
    return { kind: "not-a-number", tensor, got };
  }
  if (!Number.isFinite(got)) return { kind: "not-finite", tensor, got, expected };
  const error = Math.abs(got - expected);
  record(options.stats, error, expected, tolerance);
  if (withinTolerance(got, expected, tolerance)) return undefined;
  return { kind: "scalar-value", tensor, expected, got, error };
}

/** Type and shape of a received tensor against the expected shape, before any element is read. */
function compareShape(got: unknown, expectedShape: number[], options: CompareOptions): Mismatch | undefined {
  const tensor = options.name;
  const rank = expectedShape.length;
  const at = (axis: number): Axis => (options.axes?.[axis] ? { axis, name: options.axes[axis] } : { axis });
  if (!Array.isArray(got)) return { kind: "not-an-array", tensor, expectedShape, got };
  const shape = shapeUpTo(got, rank + 2);
  if (shape.length < rank) {
    const last = shape.length - 1;
    if (shape.length > 0 && shape[last] === 0) return { kind: "axis-length", tensor, shape, expectedShape, at: at(last) };
    const found = firstAt(got, shape.length);
    if (typeof found !== "number") {
      return { kind: "element-for-array", tensor, index: shape.map(() => 0), got: found, expectedLength: expectedShape[shape.length], at: at(shape.length) };
    }
  }
  if (shape.length < rank || (shape.length > rank && Array.isArray(firstAt(got, rank)))) return { kind: "rank", tensor, shape, expectedShape };
  for (let axis = 0; axis < rank; axis++) {
    if (shape[axis] !== expectedShape[axis]) return { kind: "axis-length", tensor, shape: shape.slice(0, rank), expectedShape, at: at(axis) };
  }
  return undefined;
}

/**
 * Checks a tensor of numbers (or booleans, for masks: true/false or 1/0). Type and shape first, with
 * the offending index; then values, reporting the worst element and how many differ.
 */
export function compareTensor(got: unknown, expected: unknown, options: CompareOptions & { booleans?: boolean }): Mismatch | undefined {
  const { name: tensor, tolerance } = options;
  const expectedShape = shapeOf(expected);
  const shapeProblem = compareShape(got, expectedShape, options);
  if (shapeProblem) return shapeProblem;
  const at = (axis: number): Axis => (options.axes?.[axis] ? { axis, name: options.axes[axis] } : { axis });

  // Walk every element: structure problems are reported before any value comparison.
  let differing = 0;
  let total = 0;
  let worst: { index: number[]; got: number; expected: number; error: number } | undefined;
  const onLeaf = (g: unknown, e: unknown, index: readonly number[]): Mismatch | undefined => {
    total++;
    if (options.booleans) {
      const value = g === true || g === 1 ? true : g === false || g === 0 ? false : undefined;
      if (value === undefined) return { kind: "bad-element", tensor, index: [...index], got: g, wanted: "boolean" };
      if (value !== e) {
        differing++;
        worst ??= { index: [...index], got: value ? 1 : 0, expected: e ? 1 : 0, error: 1 };
      }
      return undefined;
    }
    if (typeof g !== "number") return { kind: "bad-element", tensor, index: [...index], got: g, wanted: "number" };
    if (!Number.isFinite(g)) return { kind: "not-finite", tensor, index: [...index], got: g, expected: e as number };
    const error = Math.abs(g - (e as number));
    record(options.stats, error, e as number, tolerance);
    if (!withinTolerance(g, e as number, tolerance)) {
      differing++;
      if (!worst || error > worst.error) worst = { index: [...index], got: g, expected: e as number, error };
    }
    return undefined;
  };
  const onMismatch = (g: unknown, e: unknown, index: readonly number[]): Mismatch => {
    const expectedLength = (e as unknown[]).length;
    if (!Array.isArray(g)) return { kind: "element-for-array", tensor, index: [...index], got: g, expectedLength, at: at(index.length) };
    return { kind: "ragged", tensor, index: [...index], length: g.length, expectedLength, at: at(index.length) };
  };
  const problem = walkPair(got, expected, onLeaf, onMismatch);
  if (problem) return problem;
  if (!worst) return undefined;
  const slice = diffSlice(got, expected, worst.index, { tensor, tolerance, axes: options.axes, booleans: options.booleans });
  if (options.booleans) {
    return { kind: "mask-values", tensor, differing, total, index: worst.index, expected: worst.expected === 1, got: worst.got === 1, slice };
  }
  return { kind: "values", tensor, differing, total, index: worst.index, expected: worst.expected, got: worst.got, error: worst.error, slice };
}

/**
 * Finds the first place where a received value differs from the original (exact comparison): used
 * for "modified its input" and for the forward cache. Undefined when they are equal. The path is one
 * array pushed and popped as the walk goes (copied only for a difference): tensors have many
 * elements, and a copy per element was most of the grader's garbage.
 */
export function firstDifference(got: unknown, original: unknown, path: Path = []): Difference | undefined {
  const at: (string | number)[] = [...path];
  const walk = (g: unknown, o: unknown, depth: number): Difference | undefined => {
    if (depth > MAX_VALUE_DEPTH) return { kind: "too-deep", path: [...at] };
    if (Array.isArray(o)) {
      if (!Array.isArray(g)) return { kind: "became", path: [...at], now: g };
      if (g.length !== o.length) return { kind: "length", path: [...at], length: g.length, expectedLength: o.length };
      for (let i = 0; i < o.length; i++) {
        at.push(i);
        const found = walk(g[i], o[i], depth + 1);
        at.pop();
        if (found) return found;
      }
      return undefined;
    }
    if (typeof o === "object" && o !== null) {
      const entries = isWireTag(g) && g.$wire === "object" && Array.isArray(g.entries) ? (g.entries as [string, unknown][]) : undefined;
      if (!entries) return { kind: "became", path: [...at], now: g };
      const gotMap = new Map(entries.filter((entry) => Array.isArray(entry)));
      for (const [key, value] of Object.entries(o)) {
        if (!gotMap.has(key)) return { kind: "missing-key", path: [...at], key };
        at.push(key);
        const found = walk(gotMap.get(key), value, depth + 1);
        at.pop();
        if (found) return found;
      }
      for (const key of gotMap.keys()) if (!(key in (o as object))) return { kind: "extra-key", path: [...at], key };
      return undefined;
    }
    if (Object.is(g, o) || (g === 0 && o === 0)) return undefined;
    return { kind: "changed", path: [...at], was: o, now: g };
  };
  return walk(got, original, path.length);
}
