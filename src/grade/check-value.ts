/** Checks one returned value against a case, according to what the exercise returns. */
import type { Exercise } from "../exercises.js";
import type { FixtureCase } from "../fixtures/load.js";
import { compareScalar, compareTensor, describeValue, firstDifference } from "./compare.js";
import { expectedWithTies } from "./ties.js";

/** Axis names of each output, for shape messages. */
export const AXES: Record<string, readonly string[]> = {
  XPad: ["m", "nH", "nW", "nC"],
  Z: ["m", "nH", "nW", "nC"],
  A: ["m", "nH", "nW", "nC"],
  dAPrev: ["m", "nHPrev", "nWPrev", "nCPrev"],
  dW: ["f", "f", "nCPrev", "nC"],
  db: ["1", "1", "1", "nC"],
  mask: ["f", "f"],
  a: ["nH", "nW"],
};

function rankOf(value: unknown): number {
  let rank = 0;
  for (let node = value; Array.isArray(node) && rank < 8; node = node[0]) rank++;
  return rank;
}

/** Returns a learner-facing message when the value is wrong, undefined when it is right. */
export function checkValue(exercise: Exercise, testCase: FixtureCase, value: unknown): string | undefined {
  const tolerance = testCase.tolerance;
  const [first] = exercise.outputNames;
  switch (exercise.output) {
    case "scalar":
      return compareScalar(value, testCase.expected as number, { name: first, tolerance });
    case "tensor":
      return compareTensor(value, expectedWithTies(exercise, testCase, value), { name: first, tolerance, axes: AXES[first] });
    case "mask":
      return compareTensor(value, expectedWithTies(exercise, testCase, value), { name: first, tolerance, axes: AXES[first], booleans: true });
    case "tuple": {
      const names = exercise.outputNames;
      if (!Array.isArray(value) || value.length !== names.length) {
        return `${exercise.name} should return [${names.join(", ")}], but it returned ${describeValue(value)}`;
      }
      const expected = testCase.expected as unknown[];
      for (let i = 0; i < names.length; i++) {
        const message = compareTensor(value[i], expected[i], { name: names[i], tolerance, axes: AXES[names[i]] });
        if (message) return message;
      }
      return undefined;
    }
    case "forward": {
      const cacheArgs = exercise.cacheArgs ?? [];
      const cacheNames = cacheArgs.map((i) => exercise.argNames[i]);
      const shapeHint = `[${first}, cache] with cache = [${cacheNames.join(", ")}]`;
      if (!Array.isArray(value) || value.length !== 2) {
        const alone = Array.isArray(value) && rankOf(value) === 4 ? ` (it looks like ${first} alone)` : "";
        return `${exercise.name} should return ${shapeHint}, but it returned ${describeValue(value)}${alone}`;
      }
      const message = compareTensor(value[0], testCase.expected, { name: first, tolerance, axes: AXES[first] });
      if (message) return message;
      const cache = value[1];
      if (!Array.isArray(cache) || cache.length !== cacheArgs.length) {
        return `the cache should be [${cacheNames.join(", ")}], but it is ${describeValue(cache)}`;
      }
      for (let k = 0; k < cacheArgs.length; k++) {
        const difference = firstDifference(cache[k], testCase.args[cacheArgs[k]]);
        if (difference) return `cache[${k}] should be the input ${cacheNames[k]}, unchanged, but ${difference}`;
      }
      return undefined;
    }
  }
}

/** Describes the first argument the learner's function changed, or undefined if none. */
export function checkArgumentsUnchanged(exercise: Exercise, original: readonly unknown[], after: unknown): string | undefined {
  if (!Array.isArray(after)) return undefined;
  for (let i = 0; i < original.length; i++) {
    const difference = firstDifference(after[i], original[i]);
    if (difference) return `modified its input ${exercise.argNames[i] ?? `argument ${i + 1}`} ${difference}; exercises must not change their arguments`;
  }
  return undefined;
}
