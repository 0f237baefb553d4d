/**
 * Comparison of learner values (as received from the sandbox) with expected values: type and shape
 * first, then values like numpy's allclose. Every function returns a learner-facing message, or
 * undefined when the value is right. Input is untrusted: any structure, cycles included, is handled.
 */
import type { Tolerance } from "../fixtures/load.js";

/** Formats an index as [0,1,2,3]. */
export function formatIndex(index: readonly number[]): string {
  return `[${index.join(",")}]`;
}

/** Formats a shape as (2,3,4,8). */
export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(",")}${shape.length === 1 ? "," : ""})`;
}

/** A number as a learner would want to read it: up to 8 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e9) return String(Number(value.toPrecision(8)));
  return Number(value.toPrecision(4)).toExponential();
}

function isTag(value: unknown): value is { $wire: string; [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as { $wire?: unknown }).$wire === "string";
}

/** Describes any received value in a few words: "a string", "a Promise", "an array of length 3". */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? `the number ${formatNumber(value)}` : formatNumber(value);
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (typeof value === "string") return `a string (${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)})`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (isTag(value)) {
    switch (value.$wire) {
      case "hole":
        return "empty (a hole in the array)";
      case "object":
        return value.ctor === "Object" ? "an object" : `an object of class ${String(value.ctor)}`;
      case "function":
        return "a function";
      case "promise":
        return "a Promise";
      case "cycle":
        return "a cyclic structure (an array that contains itself)";
      case "too-deep":
        return "a structure nested too deeply";
      case "too-large":
        return `an array too large to grade (${String(value.count)} elements; the limit is ${String(value.limit)} numbers in all)`;
      case "unreadable":
        return `a value that could not be read (${String(value.message)})`;
      default:
        return String(value.description ?? "an unsupported value");
    }
  }
  return "an unsupported value";
}

/** Shape of an expected (trusted, rectangular) tensor. */
export function shapeOf(expected: unknown): number[] {
  const shape: number[] = [];
  let node = expected;
  while (Array.isArray(node)) {
    shape.push(node.length);
    node = node[0];
  }
  return shape;
}

/** The shape a received value appears to have, following first elements (bounded depth). */
function apparentShape(value: unknown, maxRank: number): number[] {
  const shape: number[] = [];
  let node = value;
  while (Array.isArray(node) && shape.length < maxRank) {
    shape.push(node.length);
    node = node[0];
  }
  return shape;
}

/** How to compare and how to name things in messages. */
export interface CompareOptions {
  /** name used in messages: "Z", "dAPrev" */
  name: string;
  tolerance: Tolerance;
  /** names of the axes, for shape messages: ["m", "nH", "nW", "nC"] */
  axes?: readonly string[];
}

/** Checks a value that must be a plain number. */
export function compareScalar(got: unknown, expected: number, options: CompareOptions): string | undefined {
  const { name, tolerance } = options;
  if (typeof got !== "number") {
    if (Array.isArray(got)) {
      const shape = apparentShape(got, 8);
      return `${name} should be a plain number, but it is an array of shape ${formatShape(shape)}; reduce it to a number`;
    }
    return `${name} should be a number, but it is ${describeValue(got)}`;
  }
  if (!Number.isFinite(got)) return `${name} is ${formatNumber(got)}, expected ${formatNumber(expected)}`;
  const error = Math.abs(got - expected);
  if (error <= tolerance.atol + tolerance.rtol * Math.abs(expected)) return undefined;
  return `${name} is ${formatNumber(got)}, expected ${formatNumber(expected)} (error ${formatNumber(error)})`;
}

/**
 * Checks a tensor of numbers (or booleans, for masks: true/false or 1/0). Type and shape first, with
 * the offending index; then values, reporting the worst element and how many differ.
 */
export function compareTensor(got: unknown, expected: unknown, options: CompareOptions & { booleans?: boolean }): string | undefined {
  const { name, tolerance } = options;
  const expectedShape = shapeOf(expected);
  const rank = expectedShape.length;
  if (!Array.isArray(got)) {
    return `${name} should be an array of shape ${formatShape(expectedShape)}, but it is ${describeValue(got)}`;
  }
  const gotShape = apparentShape(got, rank + 2);
  const axisName = (axis: number) => (options.axes?.[axis] ? ` (${options.axes[axis]})` : "");
  if (gotShape.length < rank) {
    const found = leaf(got, gotShape.length);
    const empty = gotShape.length > 0 && gotShape[gotShape.length - 1] === 0;
    if (empty) {
      const axis = gotShape.length - 1;
      return `${name} has shape ${formatShape(gotShape)}, expected ${formatShape(expectedShape)}: axis ${axis}${axisName(axis)} has length 0, expected ${expectedShape[axis]}`;
    }
    if (typeof found !== "number") {
      const at = formatIndex(gotShape.map(() => 0));
      return `${name}${at} is ${describeValue(found)}, expected an array of length ${expectedShape[gotShape.length]} (axis ${gotShape.length}${axisName(gotShape.length)})`;
    }
  }
  if (gotShape.length < rank || (gotShape.length > rank && Array.isArray(leaf(got, rank)))) {
    return `${name} has shape ${formatShape(gotShape)}, expected ${formatShape(expectedShape)}: it has ${gotShape.length} axes instead of ${rank}`;
  }
  for (let axis = 0; axis < rank; axis++) {
    if (gotShape[axis] !== expectedShape[axis]) {
      return `${name} has shape ${formatShape(gotShape.slice(0, rank))}, expected ${formatShape(expectedShape)}: axis ${axis}${axisName(axis)} has length ${gotShape[axis]}, expected ${expectedShape[axis]}`;
    }
  }

  // Walk every element: structure problems are reported before any value comparison.
  let differing = 0;
  let total = 0;
  let worst: { index: number[]; got: number; expected: number; error: number } | undefined;
  let problem: string | undefined;
  const index: number[] = [];
  const walk = (g: unknown, e: unknown, axis: number): void => {
    if (problem) return;
    if (axis === rank) {
      total++;
      const where = `${name}${formatIndex(index)}`;
      if (options.booleans) {
        const value = g === true || g === 1 ? true : g === false || g === 0 ? false : undefined;
        if (value === undefined) {
          problem = `${where} is ${describeValue(g)}, expected a boolean`;
          return;
        }
        if (value !== e) {
          differing++;
          if (!worst) worst = { index: [...index], got: value ? 1 : 0, expected: e ? 1 : 0, error: 1 };
        }
        return;
      }
      if (typeof g !== "number") {
        problem = `${where} is ${describeValue(g)}, expected a number`;
        return;
      }
      if (!Number.isFinite(g)) {
        problem = `${where} is ${formatNumber(g)}, expected ${formatNumber(e as number)}`;
        return;
      }
      const error = Math.abs(g - (e as number));
      if (error > tolerance.atol + tolerance.rtol * Math.abs(e as number)) {
        differing++;
        if (!worst || error > worst.error) worst = { index: [...index], got: g, expected: e as number, error };
      }
      return;
    }
    if (!Array.isArray(g)) {
      problem = `${name}${formatIndex(index)} is ${describeValue(g)}, expected an array of length ${expectedShape[axis]} (axis ${axis}${axisName(axis)})`;
      return;
    }
    if (g.length !== expectedShape[axis]) {
      problem = `${name} is ragged: ${name}${formatIndex(index)} has length ${g.length}, expected ${expectedShape[axis]} like the others (axis ${axis}${axisName(axis)})`;
      return;
    }
    const expectedRow = e as unknown[];
    for (let i = 0; i < g.length && !problem; i++) {
      index.push(i);
      walk(g[i], expectedRow[i], axis + 1);
      index.pop();
    }
  };
  walk(got, expected, 0);
  if (problem) return problem;
  if (!worst) return undefined;
  if (options.booleans) {
    return `${name} differs at ${differing} of ${total} elements; first at ${formatIndex(worst.index)}: expected ${worst.expected === 1}, got ${worst.got === 1}`;
  }
  return (
    `${name} differs from the expected values at ${differing} of ${total} elements; ` +
    `the largest error is ${formatNumber(worst.error)} at ${formatIndex(worst.index)}: ` +
    `expected ${formatNumber(worst.expected)}, got ${formatNumber(worst.got)}`
  );
}

function leaf(value: unknown, depth: number): unknown {
  let node = value;
  for (let i = 0; i < depth && Array.isArray(node); i++) node = node[0];
  return node;
}

/**
 * Finds the first place where a received value differs from the original (exact comparison): used
 * for "modified its input" and for the forward cache. Returns a description, or undefined if equal.
 */
export function firstDifference(got: unknown, original: unknown, path: number[] = [], depth = 0): string | undefined {
  if (depth > 12) return `${formatIndex(path)} is nested too deeply`;
  if (Array.isArray(original)) {
    if (!Array.isArray(got)) return `${path.length ? `at ${formatIndex(path)}: ` : ""}it became ${describeValue(got)}`;
    if (got.length !== original.length) {
      return `${path.length ? `at ${formatIndex(path)}` : "its length"}: length ${got.length} instead of ${original.length}`;
    }
    for (let i = 0; i < original.length; i++) {
      const found = firstDifference(got[i], original[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof original === "object" && original !== null) {
    const entries = isTag(got) && got.$wire === "object" && Array.isArray(got.entries) ? (got.entries as [string, unknown][]) : undefined;
    if (!entries) return `it became ${describeValue(got)}`;
    const gotMap = new Map(entries.filter((entry) => Array.isArray(entry)));
    for (const [key, value] of Object.entries(original)) {
      if (!gotMap.has(key)) return `its key "${key}" is missing`;
      const found = firstDifference(gotMap.get(key), value, path, depth + 1);
      if (found) return `"${key}" ${found.startsWith("at ") ? found : `changed: ${found}`}`;
    }
    for (const key of gotMap.keys()) if (!(key in (original as object))) return `it gained a key "${key}"`;
    return undefined;
  }
  if (Object.is(got, original) || (got === 0 && original === 0)) return undefined;
  return `${path.length ? `at ${formatIndex(path)}` : ""} (was ${describeValue(original)}, now ${describeValue(got)})`.trim();
}
