/**
 * Relations between a learner's wrong output and the expected one that tell a mistake whatever code made
 * it: numbers rounded to some decimals, the height and width axes transposed, every example given example
 * 0's output, rows that are one array object, and a shape that a known slip of the output-size formula
 * gives. Each answers "does it hold here", never with a value: hints stay fixed text.
 */
import type { Exercise } from "../../exercises.js";
import { elementAt, leaves, shapeOf } from "../../tensor.js";

/** Whether two numbers are the same up to a few float64 roundings (another summation order). */
export function near(got: unknown, want: unknown, scale = 1e-9): boolean {
  if (typeof got === "boolean" || typeof want === "boolean") return (got === true || got === 1) === (want === true || want === 1);
  if (typeof got !== "number" || typeof want !== "number") return false;
  if (Number.isNaN(got) || Number.isNaN(want)) return false;
  return Math.abs(got - want) <= scale * Math.max(1e-300, Math.abs(want), Math.abs(got)) || got === want;
}

/** Whether two nested arrays have the same shape and numbers up to `near`. */
export function sameTensor(got: unknown, want: unknown, scale = 1e-9): boolean {
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return false;
    for (let i = 0; i < want.length; i++) if (!sameTensor(got[i], want[i], scale)) return false;
    return true;
  }
  return near(got, want, scale);
}

/** The number of decimals the received numbers are the expected ones rounded to (toFixed), if any. */
export function roundedDecimals(got: unknown, want: unknown): number | undefined {
  if (!sameShape(got, want)) return undefined;
  const x = leaves(got);
  const y = leaves(want);
  if (!y.every((v) => typeof v === "number" && Number.isFinite(v))) return undefined;
  for (let k = 0; k <= 12; k++) {
    const rounded = y.map((v) => Number((v as number).toFixed(k)));
    // Rounding must change something, or an output equal to the expected one would "round" too.
    if (rounded.every((v, i) => v === y[i])) continue;
    if (rounded.every((v, i) => near(x[i], v, 1e-12))) return k;
  }
  return undefined;
}

function sameShape(got: unknown, want: unknown): boolean {
  const a = shapeOf(got);
  const b = shapeOf(want);
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** Whether the received 4-D (or 2-D) tensor is the expected one with its height and width axes swapped. */
export function transposedHW(got: unknown, want: unknown): boolean {
  const shape = shapeOf(want);
  if (shape.length !== 4 && shape.length !== 2) return false;
  const [hAxis, wAxis] = shape.length === 4 ? [1, 2] : [0, 1];
  const swapped = [...shape];
  [swapped[hAxis], swapped[wAxis]] = [shape[wAxis], shape[hAxis]];
  const gotShape = shapeOf(got);
  if (gotShape.length !== shape.length || !gotShape.every((n, i) => n === swapped[i])) return false;
  // A transposition of something symmetric is no evidence.
  let differs = false;
  const index = new Array<number>(shape.length).fill(0);
  const total = shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < total; flat++) {
    let rest = flat;
    for (let k = shape.length - 1; k >= 0; k--) {
      index[k] = rest % shape[k];
      rest = Math.floor(rest / shape[k]);
    }
    const other = [...index];
    [other[hAxis], other[wAxis]] = [index[wAxis], index[hAxis]];
    const value = elementAt(want, index);
    if (!near(elementAt(got, other), value)) return false;
    if (shape[hAxis] === shape[wAxis] && !near(elementAt(want, other), value)) differs = true;
  }
  return differs || shape[hAxis] !== shape[wAxis];
}

/** Whether every example of the received 4-D tensor is the expected example 0 (m > 1, examples that differ). */
export function everyExampleIsFirst(got: unknown, want: unknown): boolean {
  if (!Array.isArray(want) || want.length < 2 || shapeOf(want).length !== 4 || !sameShape(got, want)) return false;
  const first = want[0];
  if (want.every((example) => sameTensor(example, first))) return false;
  return (got as unknown[]).every((example) => sameTensor(example, first));
}

/**
 * Whether rows the wire reported as one array object (`Array(n).fill(row)`) are rows whose expected
 * values differ: then sharing them is what made the output wrong, not a harmless shared row of zeros.
 */
export function harmfulAliases(exercise: Exercise, aliases: readonly (readonly [number[], number[]])[] | undefined, want: unknown): boolean {
  if (!aliases) return false;
  // The paths index the returned value: a forward function's output is its element 0, a tuple's outputs its elements.
  const expectedRoot = exercise.output === "forward" ? [want] : exercise.output === "tuple" ? (want as unknown[]) : undefined;
  return aliases.some(([later, first]) => {
    if (later.includes(-1) || first.includes(-1)) return false;
    const locate = (path: number[]) => (expectedRoot ? (path.length > 0 ? elementAt(expectedRoot[path[0]], path.slice(1)) : undefined) : elementAt(want, path));
    if (exercise.output === "forward" && (later[0] !== 0 || first[0] !== 0)) return false;
    const a = locate(later);
    const b = locate(first);
    return Array.isArray(a) && Array.isArray(b) && sameShape(a, b) && !sameTensor(a, b, 1e-6);
  });
}

/**
 * Whether a padded output is right away from the padding and wrong only where it reaches it: zeroPad's
 * cells outside X, or convForward's windows that overlap the pad. `pad` and the window size come from
 * the case; the output must have the right shape.
 */
export function wrongOnlyAtPadding(got: unknown, want: unknown, pad: number, reach: (h: number, w: number, nH: number, nW: number) => boolean): boolean {
  if (pad <= 0 || !sameShape(got, want) || shapeOf(want).length !== 4) return false;
  const [m, nH, nW, nC] = shapeOf(want);
  let edgeWrong = false;
  for (let i = 0; i < m; i++)
    for (let h = 0; h < nH; h++)
      for (let w = 0; w < nW; w++) {
        const edge = reach(h, w, nH, nW);
        for (let c = 0; c < nC; c++) {
          const ok = near(elementAt(got, [i, h, w, c]), elementAt(want, [i, h, w, c]), 1e-7);
          if (!ok && !edge) return false;
          if (!ok) edgeWrong = true;
        }
      }
  return edgeWrong;
}
