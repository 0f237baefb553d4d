/**
 * Fingerprints of known mistakes. When the fixtures are generated, each mistaken variant of the reference
 * runs on each case, and what it returns is stored as a short hash, never as values: the hash of its
 * shape and of its numbers rounded onto a grid. A learner's failing output that hashes the same is that
 * mistake, and the case's hint can name it.
 *
 * Robustness: the same mistake in another summation order gives float64 numbers that differ in the last
 * bits, so the grid is coarse: its step is a power of two about 16 times what the case's tolerance allows
 * at the size of the expected values, and noise of that order moves no number to another cell unless it
 * sits on a cell's edge. The generator checks that no number of the mistake's output lies within
 * FINGERPRINT_MARGIN of a cell's edge, and shifts the grid (OFFSETS, whose index leads the stored key)
 * until none does. The step comes from the expected value and the tolerance, so it is not stored.
 */
import { createHash } from "node:crypto";
import type { Exercise } from "../exercises.js";
import type { Tolerance } from "../fixtures/schema.js";
import { leaves } from "../tensor.js";
import { allowedError } from "./tolerance.js";

/** Shifts of the grid, in cells: the first that keeps every number away from a cell's edge is used. */
export const OFFSETS = [0.5, 0.3, 0.7, 0.1] as const;
/** How close to a cell's edge (in cells) a number of a stored fingerprint may be. */
export const FINGERPRINT_MARGIN = 1e-6;
/** How much coarser than the tolerance the grid is. */
const COARSENESS = 16;
/** Characters of the SHA-256 kept: 48 bits, so an unrelated wrong output matches with odds of about 1e-14. */
const HASH_CHARS = 12;

/** The tensors a value holds, as graded: a forward function's output (not the cache), each of a tuple's, or the value. */
export function gradedParts(exercise: Exercise, value: unknown): unknown[] {
  if (exercise.output === "forward") return [Array.isArray(value) ? value[0] : value];
  if (exercise.output === "tuple" && Array.isArray(value)) return value;
  return [value];
}

/** The grid step for an expected tensor: a power of two near COARSENESS times the tolerance at its largest value; 0 for exact. */
export function gridStep(expected: unknown, tolerance: Tolerance): number {
  const largest = leaves(expected).reduce((max: number, x) => (typeof x === "number" && Number.isFinite(x) ? Math.max(max, Math.abs(x)) : max), 0);
  const allowed = allowedError(largest, tolerance);
  return allowed > 0 ? 2 ** Math.ceil(Math.log2(COARSENESS * allowed)) : 0;
}

/** Serialises a value onto the grid; `edge` gets the smallest distance of a number to a cell's edge. */
function serialise(value: unknown, step: number, offset: number, out: string[], edge: { min: number }, booleans: boolean, depth = 0): void {
  if (Array.isArray(value)) {
    if (depth > 12) {
      out.push("?");
      return;
    }
    out.push(`[${value.length}`);
    for (const item of value) serialise(item, step, offset, out, edge, booleans, depth + 1);
    out.push("]");
  } else if (booleans && (value === true || value === false || value === 0 || value === 1)) {
    out.push(value === true || value === 1 ? "T" : "F");
  } else if (typeof value !== "number") {
    out.push(`?${typeof value}`);
  } else if (!Number.isFinite(value)) {
    out.push(String(value));
  } else if (step === 0) {
    out.push(String(value === 0 ? 0 : value));
  } else {
    const cells = value / step + offset;
    const cell = Math.floor(cells);
    edge.min = Math.min(edge.min, cells - cell, cell + 1 - cells);
    out.push(String(cell));
  }
}

/** The fingerprint of a value on the grid shifted by OFFSETS[offsetIndex], and how close it came to a cell's edge. */
export function fingerprintAt(exercise: Exercise, value: unknown, expected: unknown, tolerance: Tolerance, offsetIndex: number): { key: string; edge: number } {
  const parts = gradedParts(exercise, value);
  const expectedParts = exercise.output === "tuple" ? (expected as unknown[]) : [expected];
  const out: string[] = [`${exercise.name}:${parts.length}`];
  const edge = { min: 0.5 };
  parts.forEach((part, k) => {
    const step = gridStep(expectedParts[k] ?? expectedParts[0], tolerance);
    serialise(part, step, OFFSETS[offsetIndex], out, edge, exercise.output === "mask", 0);
    out.push("|");
  });
  const hash = createHash("sha256").update(out.join(" ")).digest("hex").slice(0, HASH_CHARS);
  return { key: `${offsetIndex}${hash}`, edge: edge.min };
}

/**
 * The fingerprint to store for a mistaken output: on the first grid where no number is within
 * FINGERPRINT_MARGIN of a cell's edge; undefined when there is none.
 */
export function robustFingerprint(exercise: Exercise, value: unknown, expected: unknown, tolerance: Tolerance): string | undefined {
  for (let k = 0; k < OFFSETS.length; k++) {
    const found = fingerprintAt(exercise, value, expected, tolerance, k);
    if (found.edge >= FINGERPRINT_MARGIN) return found.key;
  }
  return undefined;
}

/** The mistake whose fingerprint a learner's value has, among a case's stored fingerprints (key → mistake). */
export function matchFingerprint(
  exercise: Exercise,
  value: unknown,
  expected: unknown,
  tolerance: Tolerance,
  fingerprints: Readonly<Record<string, string>>,
): string | undefined {
  const grids = new Set(Object.keys(fingerprints).map((key) => Number(key[0])));
  for (const k of grids) {
    if (!(k in OFFSETS)) continue;
    const { key } = fingerprintAt(exercise, value, expected, tolerance, k);
    if (Object.hasOwn(fingerprints, key)) return fingerprints[key];
  }
  return undefined;
}
