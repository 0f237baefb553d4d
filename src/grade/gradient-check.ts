/**
 * Gradient checks: the learner's backward function against central differences of the *reference*
 * forward function, L = Σ out ⊙ upstream, computed when the fixtures were generated and stored in them.
 * The learner's own forward plays no part, so a backward is graded on its own. Per gradient tensor, by
 * relative error ‖a − n‖ / (‖a‖ + ‖n‖). Arithmetic happens here, in the grader, never in the sandbox.
 */
import { type Exercise, exerciseNamed } from "../exercises.js";
import { leaves, walkPair } from "../tensor.js";
import { compareTensor } from "./compare.js";
import type { Mismatch } from "./mismatch.js";

/** One gradient a backward function returns, matched with the forward argument it belongs to. */
export interface GradientTarget {
  /** index of the forward argument (0 APrev, 1 W, 2 b) */
  arg: number;
  /** name of the gradient (dAPrev, dW, db) */
  gradient: string;
  /** names of its axes, for shape messages */
  axes?: readonly string[];
  /** position of the gradient in the backward's output, or -1 when the backward returns it alone */
  output: number;
}

/** The gradients a backward exercise returns, in order, from its record; empty when it has no gradient check. */
export function gradientTargets(exercise: Exercise): GradientTarget[] {
  const wrt = exercise.gradientCheck?.wrt ?? [];
  const alone = exercise.output !== "tuple";
  return wrt.map((arg, k) => ({ arg, gradient: exercise.outputs[k].name, axes: exercise.outputs[k].axes, output: alone ? -1 : k }));
}

/**
 * The backward call of a check: [upstream, cache] and the forward's arguments after those it caches
 * (poolBackward: the mode, when the check has one).
 */
export function backwardArgs(exercise: Exercise, args: readonly unknown[], upstream: unknown): unknown[] {
  if (!exercise.gradientCheck) throw new Error(`${exercise.name} has no gradient check`);
  const cached = exerciseNamed(exercise.gradientCheck.forward).cacheArgs?.length ?? 0;
  return [upstream, args.slice(0, cached), ...args.slice(cached)];
}

/** L = Σ out ⊙ upstream, or undefined when out is not a finite tensor shaped like upstream. */
export function lossOf(out: unknown, upstream: unknown): number | undefined {
  let sum = 0;
  const bad = walkPair(
    out,
    upstream,
    (o, u) => {
      if (typeof o !== "number" || !Number.isFinite(o)) return true;
      sum += o * (u as number);
      return undefined;
    },
    () => true,
  );
  return bad ? undefined : sum;
}

/** Relative error ‖a − n‖ / (‖a‖ + ‖n‖) of two same-shaped finite tensors, and where they differ most. */
export function relativeError(
  analytic: unknown,
  numeric: unknown,
): { error: number; numericNorm: number; worst?: { index: number[]; analytic: number; numeric: number } } {
  let difference = 0;
  let analyticNorm = 0;
  let numericNorm = 0;
  let worst: { index: number[]; analytic: number; numeric: number } | undefined;
  let worstGap = -1;
  // Shapes were checked before: every element of analytic is a number.
  walkPair(
    analytic,
    numeric,
    (a, n, index) => {
      const x = a as number;
      const y = n as number;
      difference += (x - y) ** 2;
      analyticNorm += x ** 2;
      numericNorm += y ** 2;
      if (Math.abs(x - y) > worstGap) {
        worstGap = Math.abs(x - y);
        worst = { index: [...index], analytic: x, numeric: y };
      }
      return undefined;
    },
    () => undefined,
  );
  const denominator = Math.sqrt(analyticNorm) + Math.sqrt(numericNorm);
  // 0/0 is not agreement: a check whose numerical gradient is zero proves nothing, so it never passes.
  const error = numericNorm === 0 ? Number.NaN : Math.sqrt(difference) / denominator;
  return { error, numericNorm: Math.sqrt(numericNorm), worst };
}

/** The outcome of one gradient check: what is wrong when it fails. */
export interface GradientVerdict {
  passed: boolean;
  /** the largest relative error over the gradients (NaN when a check is meaningless) */
  relativeError: number;
  mismatch?: Mismatch;
}

/**
 * Judges the value a backward function returned against the stored numerical gradients, one gradient
 * tensor at a time: shape first, then relative error; the worst gradient is reported.
 */
export function judgeGradients(targets: readonly GradientTarget[], returned: unknown, numeric: readonly unknown[], threshold: number): GradientVerdict {
  let worstError = 0;
  let mismatch: Mismatch | undefined;
  for (let k = 0; k < targets.length; k++) {
    const target = targets[k];
    const gradient = target.output < 0 ? returned : Array.isArray(returned) ? returned[target.output] : undefined;
    const shapeProblem = compareTensor(gradient, numeric[k], { name: target.gradient, tolerance: { rtol: Infinity, atol: Infinity }, axes: target.axes });
    if (shapeProblem) return { passed: false, relativeError: Number.NaN, mismatch: shapeProblem };
    const { error, worst } = relativeError(gradient, numeric[k]);
    if (Number.isNaN(error)) return { passed: false, relativeError: error, mismatch: { kind: "gradient-reference-zero", gradient: target.gradient } };
    if (error > threshold && error > worstError && worst) {
      worstError = error;
      const allZero = leaves(gradient).every((x) => x === 0);
      mismatch = { kind: "gradient-error", gradient: target.gradient, error, threshold, allZero, ...worst };
    }
    worstError = Math.max(worstError, error);
  }
  return mismatch ? { passed: false, relativeError: worstError, mismatch } : { passed: true, relativeError: worstError };
}
