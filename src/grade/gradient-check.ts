/**
 * Numerical gradient checks: central differences of L = Σ out ⊙ upstream through the learner's own
 * forward function, against the learner's backward function, by relative error
 * ‖a − n‖ / (‖a‖ + ‖n‖). Arithmetic happens here, in the grader, never in the sandbox.
 */
import { formatIndex, formatNumber, shapeOf } from "./compare.js";

/** One perturbed coordinate: which argument of the forward function, and where in it. */
export interface Coordinate {
  /** index of the forward argument (0 APrev, 1 W, 2 b) */
  arg: number;
  /** name of the matching gradient (dAPrev, dW, db) */
  gradient: string;
  /** position of the gradient in the backward's output, or -1 when the backward returns it alone */
  output: number;
  index: number[];
}

/** The plan of one check: which coordinates, and the forward calls to make (two per coordinate). */
export interface GradientPlan {
  coordinates: Coordinate[];
  calls: unknown[][];
}

/** The outcome of one gradient check. */
export interface GradientVerdict {
  relativeError: number;
  worst?: { coordinate: Coordinate; analytic: number; numeric: number };
  passed: boolean;
  message?: string;
}

/** Deterministic small generator for sampling coordinates (mulberry32). */
function sampler(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

/** Picks up to `samples` distinct coordinates of a tensor, all of them when it is small enough. */
export function sampleIndices(shape: readonly number[], samples: number, seed: number): number[][] {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size <= samples) return Array.from({ length: size }, (_, flat) => unravel(flat, shape));
  const random = sampler(seed);
  const chosen = new Set<number>();
  while (chosen.size < samples) chosen.add(Math.floor(random() * size));
  return [...chosen].sort((a, b) => a - b).map((flat) => unravel(flat, shape));
}

function deepCopy<T>(value: T): T {
  return structuredClone(value);
}

function setAt(tensor: unknown, index: readonly number[], value: number): void {
  let node = tensor as unknown[];
  for (let i = 0; i < index.length - 1; i++) node = node[index[i]] as unknown[];
  node[index[index.length - 1]] = value;
}

/** Reads a number at an index of a received (untrusted) tensor; undefined if it is not there. */
export function numberAt(tensor: unknown, index: readonly number[]): number | undefined {
  let node = tensor;
  for (const i of index) {
    if (!Array.isArray(node)) return undefined;
    node = node[i];
  }
  return typeof node === "number" ? node : undefined;
}

/** Builds the perturbed forward calls for the given gradients of the forward's arguments. */
export function planGradientCheck(
  args: readonly unknown[],
  wrt: ReadonlyArray<{ arg: number; gradient: string; output: number }>,
  samples: number,
  seed: number,
  epsilon: number,
): GradientPlan {
  const coordinates: Coordinate[] = [];
  const calls: unknown[][] = [];
  wrt.forEach((target, k) => {
    for (const index of sampleIndices(shapeOf(args[target.arg]), samples, seed + k)) {
      coordinates.push({ ...target, index });
      const base = numberAt(args[target.arg], index) as number;
      for (const sign of [1, -1]) {
        const perturbed = deepCopy(args) as unknown[];
        setAt(perturbed[target.arg], index, base + sign * epsilon);
        calls.push(perturbed);
      }
    }
  });
  return { coordinates, calls };
}

/** L = Σ out ⊙ upstream, or undefined when out is not a finite tensor shaped like upstream. */
export function lossOf(out: unknown, upstream: unknown): number | undefined {
  let sum = 0;
  const walk = (o: unknown, u: unknown): boolean => {
    if (Array.isArray(u)) {
      if (!Array.isArray(o) || o.length !== u.length) return false;
      for (let i = 0; i < u.length; i++) if (!walk(o[i], u[i])) return false;
      return true;
    }
    if (typeof o !== "number" || !Number.isFinite(o)) return false;
    sum += o * (u as number);
    return true;
  };
  return walk(out, upstream) ? sum : undefined;
}

/**
 * Compares analytic gradients with central differences. `losses` holds L for each planned call (in
 * order: +ε then −ε per coordinate); `analyticAt` reads the learner's gradient at a coordinate.
 */
export function judgeGradient(
  plan: GradientPlan,
  losses: readonly number[],
  analyticAt: (coordinate: Coordinate) => number,
  epsilon: number,
  threshold: number,
): GradientVerdict {
  let difference = 0;
  let analyticNorm = 0;
  let numericNorm = 0;
  let worst: GradientVerdict["worst"];
  let worstGap = -1;
  plan.coordinates.forEach((coordinate, k) => {
    const numeric = (losses[2 * k] - losses[2 * k + 1]) / (2 * epsilon);
    const analytic = analyticAt(coordinate);
    difference += (analytic - numeric) ** 2;
    analyticNorm += analytic ** 2;
    numericNorm += numeric ** 2;
    const gap = Math.abs(analytic - numeric);
    if (gap > worstGap) {
      worstGap = gap;
      worst = { coordinate, analytic, numeric };
    }
  });
  const denominator = Math.sqrt(analyticNorm) + Math.sqrt(numericNorm);
  const relativeError = denominator === 0 ? 0 : Math.sqrt(difference) / denominator;
  const passed = relativeError <= threshold;
  if (passed || !worst) return { relativeError, worst, passed };
  const where = `${worst.coordinate.gradient}${formatIndex(worst.coordinate.index)}`;
  return {
    relativeError,
    worst,
    passed,
    message:
      `relative error ${formatNumber(relativeError)} exceeds ${formatNumber(threshold)} over ${plan.coordinates.length} sampled coordinates; ` +
      `worst at ${where}: your backward gives ${formatNumber(worst.analytic)}, central differences give ${formatNumber(worst.numeric)}`,
  };
}
