/**
 * The visual diff of the pretty reporter: a case's DiffSlice (built by the core) drawn as two small
 * grids, expected and got side by side, fitted to the terminal's width. Cells outside the tolerance are
 * red with colour, and followed by `*` without it.
 */
import type { ChalkInstance } from "chalk";
import type { DiffSlice } from "../result.js";
import { inline } from "./sanitize.js";

const GAP = " | ";
/** Without colour, what the `*` means (left out when the line would not fit). */
const LEGEND = " (* outside the tolerance)";

/** A number in at most `digits` significant digits, as short as it can be. */
function formatCell(x: number, digits: number, booleans: boolean): string {
  if (booleans) return x === 1 ? "true" : "false";
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e6) return String(Number(x.toPrecision(digits)));
  return x.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, "e");
}

/** The fewest digits (4 to 8) that tell expected from got at every differing cell, where that is possible. */
function digitsFor(slice: DiffSlice): number {
  for (let digits = 4; digits < 8; digits++) {
    const tells = slice.differs.every((row, r) =>
      row.every((differs, s) => !differs || formatCell(slice.expected[r][s], digits, false) !== formatCell(slice.got[r][s], digits, false)),
    );
    if (tells) return digits;
  }
  return 8;
}

/** Which columns of the slice to draw: `count` of them, around the worst element's. */
function columnsAround(slice: DiffSlice, count: number): number[] {
  const total = slice.expected[0]?.length ?? 0;
  const worst = slice.index[slice.colAxis] - slice.colStart;
  const first = Math.min(Math.max(0, worst - Math.floor((count - 1) / 2)), Math.max(0, total - count));
  return Array.from({ length: Math.min(count, total) }, (_, k) => first + k);
}

/** The slice in numpy's notation: Z[0, 0:4, 1:4, 7]. */
function sliceTitle(slice: DiffSlice, cols: number[]): string {
  const rows = slice.expected.length;
  const parts = slice.index.map((i, axis) => {
    if (axis === slice.rowAxis) return `${slice.rowStart}:${slice.rowStart + rows}`;
    if (axis === slice.colAxis) return `${slice.colStart + cols[0]}:${slice.colStart + cols[cols.length - 1] + 1}`;
    return String(i);
  });
  return `${inline(slice.tensor)}[${parts.join(", ")}]`;
}

/** The title, then what `*` means (without colour), then the axes' names, each if it fits. */
function titleLine(slice: DiffSlice, cols: number[], color: boolean, width: number): string {
  let title = `${sliceTitle(slice, cols)}: expected${GAP}got`;
  const legend = color ? "" : LEGEND;
  if (title.length + legend.length <= width) title += legend;
  const names = slice.rowName && slice.colName ? `, ${inline(slice.rowName)} down, ${inline(slice.colName)} across` : "";
  return title.length + names.length <= width ? title + names : title;
}

/** Draws the slice in at most `width` columns (each line starts with `indent`). */
export function renderDiffGrid(slice: DiffSlice, c: ChalkInstance, color: boolean, width: number, indent: string): string[] {
  const digits = digitsFor(slice);
  const booleans = slice.booleans === true;
  const cell = (x: number) => formatCell(x, digits, booleans);
  const all = [...slice.expected.flat(), ...slice.got.flat()].map(cell);
  const cellWidth = Math.max(...all.map((s) => s.length), String(slice.colStart + (slice.expected[0]?.length ?? 1) - 1).length) + 1;
  const labelWidth = String(slice.rowStart + slice.expected.length - 1).length;
  // label, then per grid one space and (cellWidth + 1) per column (the +1 holds the `*`), and the gap.
  const fits = (count: number) => indent.length + labelWidth + 2 * (1 + count * (cellWidth + 1)) + GAP.length <= width;
  let count = slice.expected[0]?.length ?? 0;
  while (count > 1 && !fits(count)) count--;
  const cols = columnsAround(slice, count);
  const pad = (s: string) => s.padStart(cellWidth);
  const half = (values: number[][], r: number, got: boolean) =>
    cols
      .map((s) => {
        const text = pad(cell(values[r][s]));
        if (!got || !slice.differs[r][s]) return `${text} `;
        return color ? `${c.red.bold(text)} ` : `${text}*`;
      })
      .join("");
  const header = cols.map((s) => `${pad(String(slice.colStart + s))} `).join("");
  const lines = [
    c.dim(titleLine(slice, cols, color, width - indent.length)),
    c.dim(`${" ".repeat(labelWidth)} ${header}${GAP}${header}`),
    ...slice.expected.map((_, r) => {
      const label = c.dim(String(slice.rowStart + r).padStart(labelWidth));
      return `${label} ${half(slice.expected, r, false)}${c.dim(GAP)}${half(slice.got, r, true)}`;
    }),
  ];
  // Trailing spaces (a column's `*` slot) would only get in the way of copying and comparing.
  return lines.map((line) => (indent + line).trimEnd());
}
