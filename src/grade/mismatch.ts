/**
 * What is wrong with a returned value, as data (a tagged union on `kind`), and the one place where it
 * becomes words. Comparison builds mismatches; the grader chooses hints by kind; messages are rendered
 * from them here and never read back.
 */

import type { DiffSlice } from "../result.js";

/** Where a value differs from an original, as a path: numbers index arrays, strings are object keys. */
export type Path = readonly (number | string)[];

/** The first place where a received value differs from an original one (exact comparison). */
export type Difference =
  | { kind: "changed"; path: Path; was: unknown; now: unknown }
  /** an array or object became something else */
  | { kind: "became"; path: Path; now: unknown }
  | { kind: "length"; path: Path; length: number; expectedLength: number }
  | { kind: "missing-key"; path: Path; key: string }
  | { kind: "extra-key"; path: Path; key: string }
  | { kind: "too-deep"; path: Path };

/** Which axis of a tensor, with its name when the exercise gives one ("nH"). */
export interface Axis {
  axis: number;
  name?: string;
}

/** What is wrong with a value a learner's function returned, or with its arguments afterwards. */
export type Mismatch =
  /** a number was expected (scalar exercises) */
  | { kind: "not-a-number"; tensor: string; got: unknown }
  | { kind: "array-for-number"; tensor: string; shape: number[] }
  | { kind: "scalar-value"; tensor: string; expected: number; got: number; error: number }
  /** a tensor was expected */
  | { kind: "not-an-array"; tensor: string; expectedShape: number[]; got: unknown }
  | { kind: "axis-length"; tensor: string; shape: number[]; expectedShape: number[]; at: Axis }
  | { kind: "rank"; tensor: string; shape: number[]; expectedShape: number[] }
  /** an element where an array (a row of axis `at`) was expected */
  | { kind: "element-for-array"; tensor: string; index: number[]; got: unknown; expectedLength: number; at: Axis }
  | { kind: "ragged"; tensor: string; index: number[]; length: number; expectedLength: number; at: Axis }
  | { kind: "bad-element"; tensor: string; index: number[]; got: unknown; wanted: "number" | "boolean" }
  /** NaN or ±Infinity; index is absent for a scalar */
  | { kind: "not-finite"; tensor: string; index?: number[]; got: number; expected: number }
  | { kind: "values"; tensor: string; differing: number; total: number; index: number[]; expected: number; got: number; error: number; slice?: DiffSlice }
  | { kind: "mask-values"; tensor: string; differing: number; total: number; index: number[]; expected: boolean; got: boolean; slice?: DiffSlice }
  /** the returned value's form */
  | { kind: "promise"; function: string }
  | { kind: "tuple-form"; function: string; outputs: readonly string[]; got: unknown }
  | { kind: "forward-form"; function: string; output: string; cacheNames: readonly string[]; got: unknown; looksLikeOutput: boolean }
  | { kind: "cache-form"; cacheNames: readonly string[]; got: unknown }
  | { kind: "cache-changed"; slot: number; arg: string; difference: Difference }
  | { kind: "argument-modified"; arg: string; difference: Difference }
  /** gradient checks */
  | { kind: "gradient-reference-zero"; gradient: string }
  | {
      kind: "gradient-error";
      gradient: string;
      error: number;
      threshold: number;
      allZero: boolean;
      index: number[];
      analytic: number;
      numeric: number;
    };

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

/** A value the sandbox could not send as it was: a tag such as { $wire: "promise" }. */
export function isWireTag(value: unknown): value is { $wire: string; [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as { $wire?: unknown }).$wire === "string";
}

/** Tags of values that cannot be graded as numbers at all: a hint about the algorithm would not help. */
const UNGRADABLE = new Set(["promise", "cycle", "too-deep", "too-large", "unreadable"]);

function ungradable(value: unknown): boolean {
  return isWireTag(value) && UNGRADABLE.has(value.$wire);
}

/** Describes any received value in a few words: "a string", "a Promise", "an array of length 3". */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? `the number ${formatNumber(value)}` : formatNumber(value);
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (typeof value === "string") return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (isWireTag(value)) return describeTag(value);
  return "an unsupported value";
}

function describeTag(value: { $wire: string; [key: string]: unknown }): string {
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

/**
 * Whether the function's hint about its algorithm can help with this mismatch: not when the value was a
 * Promise, a cycle, too large, too deep or unreadable.
 */
export function hintHelps(mismatch: Mismatch): boolean {
  switch (mismatch.kind) {
    case "promise":
      return false;
    case "cache-changed":
    case "argument-modified": {
      const d = mismatch.difference;
      return d.kind !== "too-deep" && !((d.kind === "became" || d.kind === "changed") && ungradable(d.now));
    }
    default:
      return !("got" in mismatch && ungradable(mismatch.got));
  }
}

/** A path as it reads after "at": [0,1] for indices, key "stride" for keys. */
function formatPath(path: Path): string {
  const parts: string[] = [];
  let indices: number[] = [];
  for (const step of path) {
    if (typeof step === "number") {
      indices.push(step);
      continue;
    }
    if (indices.length) parts.push(formatIndex(indices));
    indices = [];
    parts.push(`key "${step}"`);
  }
  if (indices.length) parts.push(formatIndex(indices));
  return parts.join(", ");
}

/** A difference in words: "at [0,1] (was the number 6, now the number 0)". */
export function renderDifference(d: Difference): string {
  const at = d.path.length ? `at ${formatPath(d.path)}` : "";
  const atColon = at ? `${at}: ` : "";
  switch (d.kind) {
    case "changed":
      return `${at} (was ${describeValue(d.was)}, now ${describeValue(d.now)})`.trim();
    case "became":
      return `${atColon}it became ${describeValue(d.now)}`;
    case "length":
      return `${at || "its length"}: length ${d.length} instead of ${d.expectedLength}`;
    case "missing-key":
      return `${atColon}its key "${d.key}" is missing`;
    case "extra-key":
      return `${atColon}it gained a key "${d.key}"`;
    case "too-deep":
      return `${atColon}it is nested too deeply`;
  }
}

const axisName = (at: Axis) => `axis ${at.axis}${at.name ? ` (${at.name})` : ""}`;

/** A mismatch in words, for the learner. */
export function renderMismatch(m: Mismatch): string {
  switch (m.kind) {
    case "not-a-number":
      return `${m.tensor} should be a number, but it is ${describeValue(m.got)}`;
    case "array-for-number":
      return `${m.tensor} should be a plain number, but it is an array of shape ${formatShape(m.shape)}; reduce it to a number`;
    case "scalar-value":
      return `${m.tensor} is ${formatNumber(m.got)}, expected ${formatNumber(m.expected)} (error ${formatNumber(m.error)})`;
    case "not-an-array":
      return `${m.tensor} should be an array of shape ${formatShape(m.expectedShape)}, but it is ${describeValue(m.got)}`;
    case "axis-length":
      return `${m.tensor} has shape ${formatShape(m.shape)}, expected ${formatShape(m.expectedShape)}: ${axisName(m.at)} has length ${m.shape[m.at.axis]}, expected ${m.expectedShape[m.at.axis]}`;
    case "rank":
      return `${m.tensor} has shape ${formatShape(m.shape)}, expected ${formatShape(m.expectedShape)}: it has ${m.shape.length} axes instead of ${m.expectedShape.length}`;
    case "element-for-array":
      return `${m.tensor}${formatIndex(m.index)} is ${describeValue(m.got)}, expected an array of length ${m.expectedLength} (${axisName(m.at)})`;
    case "ragged":
      return `${m.tensor} is ragged: ${m.tensor}${formatIndex(m.index)} has length ${m.length}, expected ${m.expectedLength} like the others (${axisName(m.at)})`;
    case "bad-element":
      return `${m.tensor}${formatIndex(m.index)} is ${describeValue(m.got)}, expected a ${m.wanted}`;
    case "not-finite":
      return `${m.tensor}${m.index ? formatIndex(m.index) : ""} is ${formatNumber(m.got)}, expected ${formatNumber(m.expected)}`;
    case "values":
      return (
        `${m.tensor} differs from the expected values at ${m.differing} of ${m.total} elements; ` +
        `the largest error is ${formatNumber(m.error)} at ${formatIndex(m.index)}: expected ${formatNumber(m.expected)}, got ${formatNumber(m.got)}`
      );
    case "mask-values":
      return `${m.tensor} differs at ${m.differing} of ${m.total} elements; first at ${formatIndex(m.index)}: expected ${m.expected}, got ${m.got}`;
    case "promise":
      return `${m.function} returned a Promise: exercises must be synchronous (remove "async")`;
    case "tuple-form":
      return `${m.function} should return [${m.outputs.join(", ")}], but it returned ${describeValue(m.got)}`;
    case "forward-form":
      return (
        `${m.function} should return [${m.output}, cache] with cache = [${m.cacheNames.join(", ")}], but it returned ${describeValue(m.got)}` +
        (m.looksLikeOutput ? ` (it looks like ${m.output} alone)` : "")
      );
    case "cache-form":
      return `the cache should be [${m.cacheNames.join(", ")}], but it is ${describeValue(m.got)}`;
    case "cache-changed":
      return `cache[${m.slot}] should be the input ${m.arg}, unchanged, but ${renderDifference(m.difference)}`;
    case "argument-modified":
      return `modified its input ${m.arg} ${renderDifference(m.difference)}; exercises must not change their arguments`;
    case "gradient-reference-zero":
      return `the numerical gradient of ${m.gradient} in this check is zero: the check cannot judge it (a fixture problem)`;
    case "gradient-error":
      return (
        `${m.gradient}: relative error ${formatNumber(m.error)} exceeds ${formatNumber(m.threshold)}` +
        (m.allZero ? ` (your ${m.gradient} is all zeros)` : "") +
        `; worst at ${m.gradient}${formatIndex(m.index)}: your backward gives ${formatNumber(m.analytic)}, ` +
        `central differences of the reference forward give ${formatNumber(m.numeric)}`
      );
  }
}
