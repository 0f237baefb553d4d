/** Checks one returned value against a case, according to what the exercise returns. */
import type { Exercise, Output } from "../exercises.js";
import type { FixtureCase } from "../fixtures/load.js";
import { shapeUpTo } from "../tensor.js";
import { type CompareOptions, compareScalar, compareTensor, type ErrorStats, firstDifference } from "./compare.js";
import type { Mismatch } from "./mismatch.js";
import { expectedWithTies } from "./ties.js";

const optionsOf = (output: Output, tolerance: FixtureCase["tolerance"], stats?: ErrorStats): CompareOptions => ({
  name: output.name,
  tolerance,
  axes: output.axes,
  stats,
});

/**
 * What is wrong with the value, or undefined when it is right. `stats`, when given, gets the largest
 * error of the numbers compared (every output of a tuple, even after the first wrong one).
 */
export function checkValue(exercise: Exercise, testCase: FixtureCase, value: unknown, stats?: ErrorStats): Mismatch | undefined {
  const tolerance = testCase.tolerance;
  const [first] = exercise.outputs;
  switch (exercise.output) {
    case "scalar":
      return compareScalar(value, testCase.expected as number, optionsOf(first, tolerance, stats));
    case "tensor":
      return compareTensor(value, expectedWithTies(exercise, testCase, value), optionsOf(first, tolerance, stats));
    case "mask":
      return compareTensor(value, expectedWithTies(exercise, testCase, value), { ...optionsOf(first, tolerance), booleans: true });
    case "tuple": {
      const outputs = exercise.outputs;
      if (!Array.isArray(value) || value.length !== outputs.length) {
        return { kind: "tuple-form", function: exercise.name, outputs: outputs.map((output) => output.name), got: value };
      }
      const expected = testCase.expected as unknown[];
      let wrong: Mismatch | undefined;
      for (let i = 0; i < outputs.length && (stats || !wrong); i++) {
        const mismatch = compareTensor(value[i], expected[i], optionsOf(outputs[i], tolerance, stats));
        wrong ??= mismatch;
      }
      return wrong;
    }
    case "forward": {
      const cacheArgs = exercise.cacheArgs ?? [];
      const cacheNames = cacheArgs.map((i) => exercise.args[i].name);
      if (!Array.isArray(value) || value.length !== 2) {
        const looksLikeOutput = Array.isArray(value) && shapeUpTo(value, 8).length === first.axes.length;
        return { kind: "forward-form", function: exercise.name, output: first.name, cacheNames, got: value, looksLikeOutput };
      }
      const mismatch = compareTensor(value[0], testCase.expected, optionsOf(first, tolerance, stats));
      if (mismatch) return mismatch;
      const cache = value[1];
      if (!Array.isArray(cache) || cache.length !== cacheArgs.length) return { kind: "cache-form", cacheNames, got: cache };
      for (let k = 0; k < cacheArgs.length; k++) {
        const difference = firstDifference(cache[k], testCase.args[cacheArgs[k]]);
        if (difference) return { kind: "cache-changed", slot: k, arg: cacheNames[k], difference };
      }
      return undefined;
    }
  }
}

/** The first argument the learner's function changed, or undefined if none. */
export function checkArgumentsUnchanged(exercise: Exercise, original: readonly unknown[], after: unknown): Mismatch | undefined {
  if (!Array.isArray(after)) return undefined;
  for (let i = 0; i < original.length; i++) {
    const difference = firstDifference(after[i], original[i]);
    if (difference) return { kind: "argument-modified", arg: exercise.args[i]?.name ?? `argument ${i + 1}`, difference };
  }
  return undefined;
}
