/**
 * Which hint a failed case gets on its own: the known mistake whose fingerprint its output has
 * (./fingerprint.ts), else the function's general hint. The grader then weighs every visible case of the
 * function together (./diagnose/), which may name a mistake no fingerprint shows, or withdraw one. A hint names one mistake at most, and it is fixed text from the
 * fixture: it never holds a value of the case. Hidden cases get none (see grade-function.ts): whether a
 * hidden output matched a mistake would tell something about the hidden inputs.
 */
import type { Exercise } from "../exercises.js";
import type { FixtureCase } from "../fixtures/load.js";
import type { ErrorStats } from "./compare.js";
import { matchFingerprint } from "./fingerprint.js";
import { hintHelps, type Mismatch } from "./mismatch.js";

/** The mistake key of writing into an argument (mistake 9): no output fingerprint shows it, the arguments do. */
export const IN_PLACE_MISTAKE = "inPlace";

/** A case's hint, and the mistake it names when it names one. */
export interface ChosenHint {
  hint?: string;
  mistake?: string;
}

/** What is known about a failed, visible case once its value was checked. */
export interface FailedCase {
  mismatch: Mismatch;
  value: unknown;
  /** the largest error against the tolerance, when the values could be compared */
  stats?: ErrorStats;
  /** whether the function changed one of its arguments */
  argumentsModified: boolean;
}

/** The known mistake a failed case's output shows, if any, and whether only by a near miss (a weaker sign). */
export function fingerprintOf(exercise: Exercise, testCase: FixtureCase, failed: FailedCase): { mistake: string; nearMiss: boolean } | undefined {
  const { mismatch, stats } = failed;
  if (mismatch.kind === "argument-modified" || (mismatch.kind === "cache-changed" && failed.argumentsModified))
    return { mistake: IN_PLACE_MISTAKE, nearMiss: false };
  if (testCase.fingerprints) {
    const matched = matchFingerprint(exercise, failed.value, testCase.expected, testCase.tolerance, testCase.fingerprints);
    if (matched) return { mistake: matched, nearMiss: false };
  }
  const near = testCase.nearMiss;
  // Close, but outside the tolerance, and as close as the mistake's own output was: a precision mistake.
  if (near && stats && stats.ratio > 1 && stats.ratio <= near.ratio) return { mistake: near.mistake, nearMiss: true };
  return undefined;
}

function mistakeOf(exercise: Exercise, testCase: FixtureCase, failed: FailedCase): string | undefined {
  return fingerprintOf(exercise, testCase, failed)?.mistake;
}

/** The hint for a failed, visible case: its mistake's, else the case's own, else none. */
export function chooseHint(exercise: Exercise, testCase: FixtureCase, failed: FailedCase): ChosenHint {
  // A hint about the algorithm does not help with a Promise, a cycle or an oversized value.
  if (!hintHelps(failed.mismatch)) return {};
  const mistake = mistakeOf(exercise, testCase, failed);
  const text = mistake === undefined ? undefined : testCase.mistakeHints?.[mistake];
  if (mistake !== undefined && text !== undefined) return { hint: text, mistake };
  return testCase.hint ? { hint: testCase.hint } : {};
}
