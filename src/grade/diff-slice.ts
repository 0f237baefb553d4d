/**
 * The visual diff's data: the smallest 2-D slice of a wrong tensor around its worst element, with the
 * expected and received numbers and which cells are outside the tolerance. Built here, in the core, from
 * the comparison; reporters only draw it.
 */
import type { Tolerance } from "../fixtures/schema.js";
import type { DiffSlice } from "../result.js";
import { elementAt, shapeOf } from "../tensor.js";
import { withinTolerance } from "./tolerance.js";

/** Cells shown on each side of the worst one, at most (the reporter may show fewer to fit the terminal). */
export const SLICE_RADIUS = 3;

/** Axes to draw, most telling first: a 4-D tensor's height and width, else its first axes. */
const PREFERENCE: Record<number, number[]> = { 2: [0, 1], 3: [0, 1, 2], 4: [1, 2, 3, 0] };

/** The two axes of the slice: preferred axes longer than 1, then any preferred axis. */
function sliceAxes(shape: readonly number[]): [number, number] | undefined {
  const preference = PREFERENCE[shape.length];
  if (!preference) return undefined;
  const long = preference.filter((axis) => shape[axis] > 1);
  const chosen = [...new Set([...long, ...preference])].slice(0, 2).sort((a, b) => a - b);
  return [chosen[0], chosen[1]];
}

/** Where a window of at most 2 * SLICE_RADIUS + 1 cells around `at` starts, and how long it is. */
function windowAround(at: number, length: number): [number, number] {
  const size = Math.min(length, 2 * SLICE_RADIUS + 1);
  return [Math.min(Math.max(0, at - SLICE_RADIUS), length - size), size];
}

/** A received element as a number (a mask's true/false as 1/0); NaN when it is none. */
function numberAt(value: unknown, index: readonly number[]): number {
  const x = elementAt(value, index);
  if (typeof x === "boolean") return x ? 1 : 0;
  return typeof x === "number" ? x : Number.NaN;
}

/** What diffSlice needs to know about the tensor. */
export interface SliceOptions {
  tensor: string;
  tolerance: Tolerance;
  axes?: readonly string[];
  booleans?: boolean;
}

/** The slice around `worst` of a received tensor already known to have the expected shape. */
export function diffSlice(got: unknown, expected: unknown, worst: readonly number[], options: SliceOptions): DiffSlice | undefined {
  const shape = shapeOf(expected);
  const axes = sliceAxes(shape);
  if (!axes) return undefined;
  const [rowAxis, colAxis] = axes;
  const [rowStart, rows] = windowAround(worst[rowAxis], shape[rowAxis]);
  const [colStart, cols] = windowAround(worst[colAxis], shape[colAxis]);
  const grid = (fn: (index: number[]) => number) =>
    Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, s) => {
        const index = [...worst];
        index[rowAxis] = rowStart + r;
        index[colAxis] = colStart + s;
        return fn(index);
      }),
    );
  const expectedGrid = grid((index) => numberAt(expected, index));
  const gotGrid = grid((index) => numberAt(got, index));
  const differs = expectedGrid.map((row, r) =>
    row.map((e, s) => (options.booleans ? gotGrid[r][s] !== e : !withinTolerance(gotGrid[r][s], e, options.tolerance))),
  );
  const names = { rowName: options.axes?.[rowAxis], colName: options.axes?.[colAxis] };
  return {
    tensor: options.tensor,
    index: [...worst],
    rowAxis,
    colAxis,
    ...(names.rowName ? { rowName: names.rowName } : {}),
    ...(names.colName ? { colName: names.colName } : {}),
    rowStart,
    colStart,
    expected: expectedGrid,
    got: gotGrid,
    differs,
    ...(options.booleans ? { booleans: true } : {}),
  };
}
