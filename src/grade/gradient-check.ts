/**
 * Gradient checks: the learner's backward function against central differences of the *reference*
 * forward function, L = Σ out ⊙ upstream, computed when the fixtures were generated and stored in them.
 * The learner's own forward plays no part, so a backward is graded on its own. Per gradient tensor, by
 * relative error ‖a − n‖ / (‖a‖ + ‖n‖). Arithmetic happens here, in the grader, never in the sandbox.
 */
import type { FunctionName } from "../exercises.js";
import { compareTensor, formatIndex, formatNumber } from "./compare.js";

/** One gradient a backward function returns, matched with the forward argument it belongs to. */
export interface GradientTarget {
  /** index of the forward argument (0 APrev, 1 W, 2 b) */
  arg: number;
  /** name of the gradient (dAPrev, dW, db) */
  gradient: string;
  /** position of the gradient in the backward's output, or -1 when the backward returns it alone */
  output: number;
}

/** The backward functions with gradient checks: which forward they invert, and their gradients in order. */
export const GRADIENT_TARGETS: Partial<Record<FunctionName, { forward: FunctionName; forwardArity: number; wrt: GradientTarget[] }>> = {
  convBackward: {
    forward: "convForward",
    forwardArity: 4,
    wrt: [
      { arg: 0, gradient: "dAPrev", output: 0 },
      { arg: 1, gradient: "dW", output: 1 },
      { arg: 2, gradient: "db", output: 2 },
    ],
  },
  poolBackward: { forward: "poolForward", forwardArity: 2, wrt: [{ arg: 0, gradient: "dAPrev", output: -1 }] },
};

/**
 * The backward call of a check: [upstream, cache] (poolBackward: and the mode, when the check has one),
 * the cache being the forward's inputs as the forward would have cached them.
 */
export function backwardArgs(fn: FunctionName, args: readonly unknown[], upstream: unknown): unknown[] {
  const target = GRADIENT_TARGETS[fn];
  if (!target) throw new Error(`${fn} has no gradient check`);
  const cache = args.slice(0, target.forwardArity);
  return args.length > target.forwardArity ? [upstream, cache, ...args.slice(target.forwardArity)] : [upstream, cache];
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

/** Relative error ‖a − n‖ / (‖a‖ + ‖n‖) of two same-shaped finite tensors, and where they differ most. */
export function relativeError(analytic: unknown, numeric: unknown): { error: number; numericNorm: number; worst?: { index: number[]; analytic: number; numeric: number } } {
  let difference = 0;
  let analyticNorm = 0;
  let numericNorm = 0;
  let worst: { index: number[]; analytic: number; numeric: number } | undefined;
  let worstGap = -1;
  const index: number[] = [];
  const walk = (a: unknown, n: unknown): void => {
    if (Array.isArray(n)) {
      for (let i = 0; i < n.length; i++) {
        index.push(i);
        walk((a as unknown[])[i], n[i]);
        index.pop();
      }
      return;
    }
    const x = a as number;
    const y = n as number;
    difference += (x - y) ** 2;
    analyticNorm += x ** 2;
    numericNorm += y ** 2;
    if (Math.abs(x - y) > worstGap) {
      worstGap = Math.abs(x - y);
      worst = { index: [...index], analytic: x, numeric: y };
    }
  };
  walk(analytic, numeric);
  const denominator = Math.sqrt(analyticNorm) + Math.sqrt(numericNorm);
  // 0/0 is not agreement: a check whose numerical gradient is zero proves nothing, so it never passes.
  const error = numericNorm === 0 ? Number.NaN : Math.sqrt(difference) / denominator;
  return { error, numericNorm: Math.sqrt(numericNorm), worst };
}

/** The outcome of one gradient check: a learner-facing message when it fails. */
export interface GradientVerdict {
  passed: boolean;
  /** the largest relative error over the gradients (NaN when a check is meaningless) */
  relativeError: number;
  message?: string;
}

/**
 * Judges the value a backward function returned against the stored numerical gradients, one gradient
 * tensor at a time: shape first, then relative error; the worst gradient is reported.
 */
export function judgeGradients(
  targets: readonly GradientTarget[],
  returned: unknown,
  numeric: readonly unknown[],
  threshold: number,
  axes: Record<string, readonly string[]>,
): GradientVerdict {
  let worstError = 0;
  let message: string | undefined;
  for (let k = 0; k < targets.length; k++) {
    const target = targets[k];
    const gradient = target.output < 0 ? returned : Array.isArray(returned) ? returned[target.output] : undefined;
    const shapeProblem = compareTensor(gradient, numeric[k], { name: target.gradient, tolerance: { rtol: Infinity, atol: Infinity }, axes: axes[target.gradient] });
    if (shapeProblem) return { passed: false, relativeError: Number.NaN, message: shapeProblem };
    const { error, worst } = relativeError(gradient, numeric[k]);
    if (Number.isNaN(error)) {
      return { passed: false, relativeError: error, message: `the numerical gradient of ${target.gradient} in this check is zero: the check cannot judge it (a fixture problem)` };
    }
    if (error > threshold && error > worstError && worst) {
      worstError = error;
      const allZero = relativeError(gradient, gradient).numericNorm === 0;
      message =
        `${target.gradient}: relative error ${formatNumber(error)} exceeds ${formatNumber(threshold)}` +
        (allZero ? ` (your ${target.gradient} is all zeros)` : "") +
        `; worst at ${target.gradient}${formatIndex(worst.index)}: your backward gives ${formatNumber(worst.analytic)}, ` +
        `central differences of the reference forward give ${formatNumber(worst.numeric)}`;
    }
    worstError = Math.max(worstError, error);
  }
  return message ? { passed: false, relativeError: worstError, message } : { passed: true, relativeError: worstError };
}
