/**
 * Ties, as the course says: "don't consider cases where there are several maxima". When several cells of
 * a window tie for its maximum, createMaskFromWindow may mark all of them or exactly one of them, and
 * poolBackward in max mode may send the window's gradient to all of them or to exactly one. The fixtures
 * hold the all-tied answer; this module picks, from what the learner returned, the accepted answer it is
 * closest to, which is then compared as usual (so a wrong answer still gets the usual message).
 */
import type { Exercise } from "../exercises.js";
import type { FixtureCase } from "../fixtures/load.js";
import { elementAt } from "../tensor.js";

type Cell = [number, number, number, number];

/** The learner's element at an index as a number (true 1, false 0), or undefined when it is none. */
function readNumber(value: unknown, index: readonly number[]): number | undefined {
  const node = elementAt(value, index);
  if (node === true) return 1;
  if (node === false) return 0;
  return typeof node === "number" ? node : undefined;
}

/** The mask case's expected value, or the one-hot mask of the one tied maximum the learner marked. */
function maskWithTies(x: number[][], expected: boolean[][], got: unknown): boolean[][] {
  const max = Math.max(...x.flat());
  const tied = x.flatMap((row, i) => row.flatMap((value, j) => (value === max ? [[i, j]] : [])));
  if (tied.length < 2) return expected;
  const marked = x.flatMap((row, i) => row.flatMap((_, j) => (readNumber(got, [i, j]) === 1 ? [[i, j]] : [])));
  if (marked.length !== 1 || !tied.some(([i, j]) => i === marked[0][0] && j === marked[0][1])) return expected;
  return x.map((row, i) => row.map((_, j) => i === marked[0][0] && j === marked[0][1]));
}

interface TiedWindow {
  g: number;
  cells: Cell[];
}

/** poolBackward in max mode: the expected dAPrev with each tied window's gradient placed as the learner chose. */
function poolBackwardWithTies(dA: number[][][][], APrev: number[][][][], f: number, stride: number, expected: number[][][][], got: unknown): number[][][][] {
  const windows: TiedWindow[] = [];
  for (let i = 0; i < dA.length; i++)
    for (let h = 0; h < dA[i].length; h++)
      for (let w = 0; w < dA[i][h].length; w++)
        for (let c = 0; c < dA[i][h][w].length; c++) {
          const cells: Cell[] = [];
          let max = -Infinity;
          for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) max = Math.max(max, APrev[i][h * stride + r][w * stride + s][c]);
          for (let r = 0; r < f; r++)
            for (let s = 0; s < f; s++) if (APrev[i][h * stride + r][w * stride + s][c] === max) cells.push([i, h * stride + r, w * stride + s, c]);
          if (cells.length > 1 && dA[i][h][w][c] !== 0) windows.push({ g: dA[i][h][w][c], cells });
        }
  if (windows.length === 0) return expected;
  // base: the expected value without the tied windows' shares.
  const base = structuredClone(expected);
  const add = (cell: Cell, amount: number, into: number[][][][]) => (into[cell[0]][cell[1]][cell[2]][cell[3]] += amount);
  for (const window of windows) for (const cell of window.cells) add(cell, -window.g, base);
  const seen = new Set<string>();
  const disjoint = windows.every((window) => window.cells.every((cell) => !seen.has(cell.join()) && seen.add(cell.join())));
  const gap = (candidate: number[][][][], cells: readonly Cell[]) =>
    Math.max(...cells.map((cell) => Math.abs((readNumber(got, cell) ?? Number.NaN) - candidate[cell[0]][cell[1]][cell[2]][cell[3]])));
  const choices = (window: TiedWindow): Cell[][] => [window.cells, ...window.cells.map((cell) => [cell])];
  if (disjoint) {
    // Each tied cell belongs to one tied window: choose per window, from the learner's values there.
    const adjusted = structuredClone(base);
    for (const window of windows) {
      let best = window.cells;
      let bestGap = Infinity;
      for (const choice of choices(window)) {
        const candidate = structuredClone(base);
        for (const cell of choice) add(cell, window.g, candidate);
        const g = gap(candidate, window.cells);
        if (g < bestGap) [best, bestGap] = [choice, g];
      }
      for (const cell of best) add(cell, window.g, adjusted);
    }
    return adjusted;
  }
  // Tied windows share cells: accept all tied, or the first, or the last tied cell of every window.
  const candidates = [(w: TiedWindow) => w.cells, (w: TiedWindow) => [w.cells[0]], (w: TiedWindow) => [w.cells[w.cells.length - 1]]].map((pick) => {
    const candidate = structuredClone(base);
    for (const window of windows) for (const cell of pick(window)) add(cell, window.g, candidate);
    return candidate;
  });
  const allCells = windows.flatMap((window) => window.cells);
  return candidates.reduce((best, candidate) => (gap(candidate, allCells) < gap(best, allCells) ? candidate : best));
}

/**
 * The value a case's result is compared with: its expected value, except on ties, where the accepted
 * answer closest to what the learner returned is used instead.
 */
export function expectedWithTies(exercise: Exercise, testCase: FixtureCase, got: unknown): unknown {
  switch (exercise.ties) {
    case "mask":
      return maskWithTies(testCase.args[0] as number[][], testCase.expected as boolean[][], got);
    case "max-pool-backward": {
      const modeAt = exercise.args.findIndex((arg) => arg.type === "mode");
      if ((testCase.args[modeAt] ?? "max") !== "max") return testCase.expected;
      const [dA, cache] = testCase.args as [number[][][][], [number[][][][], { f: number; stride: number }]];
      const [APrev, { f, stride }] = cache;
      return poolBackwardWithTies(dA, APrev, f, stride, testCase.expected as number[][][][], got);
    }
    case undefined:
      return testCase.expected;
  }
}
