/**
 * Records the calls the reference makes to its sibling exercises (convForward → zeroPad, convSingleStep;
 * poolBackward → createMaskFromWindow, distributeValue), so that the fixture generator can store some of
 * them with their outputs. The grader replays them on the learner's sibling to find out whether a failing
 * function was let down by a sibling it imports. Only the generator turns recording on.
 */
import type { FunctionName } from "../exercises.js";
import type { SiblingCall } from "../fixtures/schema.js";

export type { SiblingCall } from "../fixtures/schema.js";

let recording: SiblingCall[] | undefined;

/** Wraps a sibling so that its calls are recorded while recordSiblingCalls runs. */
export function traced<A extends unknown[], R>(name: FunctionName, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    const active = recording;
    if (!active) return fn(...args);
    const copy = structuredClone(args);
    // Calls the sibling makes itself are not calls of the function being recorded.
    recording = undefined;
    try {
      const result = fn(...args);
      active.push({ function: name, args: copy, expected: structuredClone(result) });
      return result;
    } finally {
      recording = active;
    }
  };
}

/** Runs `run` and returns what it returned with every sibling call made meanwhile, in call order. */
export function recordSiblingCalls<T>(run: () => T): { result: T; calls: SiblingCall[] } {
  const outer = recording;
  const calls: SiblingCall[] = [];
  recording = calls;
  try {
    return { result: run(), calls };
  } finally {
    recording = outer;
  }
}
