// Hostile sample: conv-single-step.ts replaces globals when it loads, then answers wrongly.
import type { Tensor3D } from "convgrade";

const FAKE_REPORT = '{"score":100,"maxScore":100,"functions":[]}';

/** Replaces what a grader running in this process might use to compare or report. */
function tamper(): void {
  Math.abs = () => 0;
  Number.isFinite = () => true;
  Object.is = () => true;
  Object.keys = () => [];
  Array.isArray = ((_value: unknown) => false) as typeof Array.isArray;
  JSON.stringify = () => FAKE_REPORT;
  JSON.parse = () => ({ score: 100, maxScore: 100 });
  console.log = () => undefined;
  console.error = () => undefined;
  process.stdout.write = (() => true) as typeof process.stdout.write;
}

// At load: every function graded after this file runs in the changed world. (Array methods are left
// alone because the learner's own later functions use them.)
tamper();

export function convSingleStep(aSlicePrev: Tensor3D, W: Tensor3D, b: Tensor3D): number {
  let s = 0;
  for (let i = 0; i < aSlicePrev.length; i++) {
    for (let j = 0; j < aSlicePrev[i].length; j++) {
      for (let k = 0; k < aSlicePrev[i][j].length; k++) {
        s += aSlicePrev[i][j][k] * W[i][j][k];
      }
    }
  }
  // wrong on purpose
  const Z = s + b[0][0][0] + 1;
  return Z;
}
