/** Every mutant the mutation test runs: which exercise, which listed mistake it commits, and the code. */

import { MISTAKES as M } from "../../../scripts/fixtures/targets.js";
import type { FunctionName } from "../../../src/exercises.js";
import type { AnyFunction } from "./compare.js";
import { convBackwardWith, convForwardWith, convSingleStepWith, zeroPadWith } from "./conv-mutants.js";
import { createMaskWith, distributeValueWith, poolBackwardWith, poolForwardWith } from "./pool-mutants.js";

/** One mistaken implementation of an exercise. */
export interface Mutant {
  fn: FunctionName;
  /** the fixture target this mistake is listed under */
  target: string;
  /** what exactly the mutant does wrong */
  label: string;
  impl: AnyFunction;
}

const mutant = (fn: FunctionName, target: string, label: string, impl: AnyFunction): Mutant => ({ fn, target, label, impl });

/** The mistakes 1-8 and their variants; mistake 9 is IN_PLACE below. */
export const MUTANTS: Mutant[] = [
  mutant("convForward", M.strideForward, "vert_start = h in convForward", convForwardWith({ noStride: true })),
  mutant("poolForward", M.strideForward, "vert_start = h in poolForward", poolForwardWith({ noStride: true })),
  mutant("convBackward", M.strideBackward, "vert_start = h in convBackward", convBackwardWith({ noStride: true })),
  mutant("poolBackward", M.strideBackward, "vert_start = h in poolBackward", poolBackwardWith({ noStride: true })),

  mutant("convForward", M.swappedHW, "nH and nW swapped in convForward", convForwardWith({ swapHW: true })),
  mutant("poolForward", M.swappedHW, "nH and nW swapped in poolForward", poolForwardWith({ swapHW: true })),
  mutant("convForward", M.nHPrevForNH, "nH = nHPrev in convForward", convForwardWith({ nHPrev: true })),
  mutant("poolForward", M.nHPrevForNH, "nH = nHPrev in poolForward", poolForwardWith({ nHPrev: true })),
  mutant("convForward", M.ceil, "Math.ceil in convForward", convForwardWith({ ceil: true })),
  mutant("poolForward", M.ceil, "Math.ceil in poolForward", poolForwardWith({ ceil: true })),
  mutant("convForward", M.hardCodedPad, "pad = 1 in convForward", convForwardWith({ fixedPad: 1 })),
  mutant("convForward", M.hardCodedPad, "pad = 2 in convForward", convForwardWith({ fixedPad: 2 })),
  mutant("zeroPad", M.hardCodedPad, "pad = 1 in zeroPad", zeroPadWith({ fixedPad: 1 })),
  mutant("zeroPad", M.hardCodedPad, "pad = 2 in zeroPad", zeroPadWith({ fixedPad: 2 })),
  mutant("convForward", M.hardCodedStride, "stride = 1 in convForward", convForwardWith({ fixedStride: 1 })),
  mutant("convForward", M.hardCodedStride, "stride = 2 in convForward", convForwardWith({ fixedStride: 2 })),
  mutant("poolForward", M.hardCodedStride, "stride = 1 in poolForward", poolForwardWith({ fixedStride: 1 })),
  mutant("poolForward", M.hardCodedStride, "stride = 2 in poolForward", poolForwardWith({ fixedStride: 2 })),

  mutant("convSingleStep", M.biasInsideSum, "sum(a * W + b)", convSingleStepWith({ biasInside: true })),
  mutant("convForward", M.biasInsideSum, "b added to every product in convForward", convForwardWith({ biasInside: true })),
  mutant("convSingleStep", M.biasNotReduced, "returns [[[z]]] instead of z", convSingleStepWith({ notReduced: true })),
  mutant("convForward", M.sameBias, "b[0][0][0][0] for every channel", convForwardWith({ sameBias: true })),

  mutant("distributeValue", M.dzForgotten, "fills 1 / (nH * nW)", distributeValueWith({ noDz: true })),
  mutant("distributeValue", M.dividedBySum, "fills dz / (nH + nW)", distributeValueWith({ divideBySum: true })),

  mutant("poolBackward", M.assignInsteadOfAdd, "dAPrev[window] = share", poolBackwardWith({ assign: true })),
  mutant("poolForward", M.modeIgnored, "always max in poolForward", poolForwardWith({ modeIgnored: true })),
  mutant("poolBackward", M.modeIgnored, "always max in poolBackward", poolBackwardWith({ modeIgnored: true })),
  mutant("poolForward", M.averageNotDivided, "window sum instead of mean in poolForward", poolForwardWith({ averageNotDivided: true })),
  mutant("poolBackward", M.averageNotDivided, "dA not divided by f * f in poolBackward", poolBackwardWith({ averageNotDivided: true })),

  mutant("convBackward", M.notUnpadded, "returns the padded dAPrev", convBackwardWith({ notUnpadded: true })),
  mutant("convBackward", M.dWFromUnpadded, "dW from slices of APrev", convBackwardWith({ dWFromUnpadded: true })),
  mutant("convBackward", M.dbNotSummedOverBatch, "db from the last example only", convBackwardWith({ dbLastExampleOnly: true })),
  mutant("convBackward", M.unpadSliceAtPadZero, "un-pads with slice(pad, -pad)", convBackwardWith({ sliceUnpad: true })),

  mutant("zeroPad", M.paddedBatch, "pads the batch axis", zeroPadWith({ padBatch: true })),
  mutant("zeroPad", M.paddedChannels, "pads the channel axis", zeroPadWith({ padChannels: true })),
  mutant("zeroPad", M.paddedOneSide, "pads before only", zeroPadWith({ oneSide: true })),

  mutant("createMaskFromWindow", M.maxFromZero, "max starts from 0 in createMaskFromWindow", createMaskWith({ maxFromZero: true })),
  mutant("poolForward", M.maxFromZero, "max starts from 0 in poolForward", poolForwardWith({ maxFromZero: true })),
  mutant("poolBackward", M.maxFromZero, "max starts from 0 in poolBackward's mask", poolBackwardWith({ maxFromZero: true })),
  mutant("createMaskFromWindow", M.maskOfOneRow, "max of the first row only", createMaskWith({ firstRowMax: true })),
  mutant("createMaskFromWindow", M.maskOfOneRow, "returns the first row's mask only", createMaskWith({ firstRowOnly: true })),

  mutant("poolForward", M.zerosDropped, "window.filter(Boolean) before max and mean", poolForwardWith({ zerosDropped: true })),
  mutant("createMaskFromWindow", M.zerosDropped, "Math.max(...x.flat().filter(Boolean))", createMaskWith({ zerosDropped: true })),

  mutant("convForward", M.hpPositionalPadFirst, "const [pad, stride] = Object.values(hparameters)", convForwardWith({ positional: "pad-stride" })),
  mutant("convForward", M.hpPositionalStrideFirst, "const [stride, pad] = Object.values(hparameters)", convForwardWith({ positional: "stride-pad" })),
  mutant("convBackward", M.hpPositionalPadFirst, "const [pad, stride] = Object.values(hparameters)", convBackwardWith({ positional: "pad-stride" })),
  mutant("convBackward", M.hpPositionalStrideFirst, "const [stride, pad] = Object.values(hparameters)", convBackwardWith({ positional: "stride-pad" })),
  mutant("poolForward", M.hpPositionalPadFirst, "const [f, stride] = Object.values(hparameters)", poolForwardWith({ positional: "f-stride" })),
  mutant("poolForward", M.hpPositionalStrideFirst, "const [stride, f] = Object.values(hparameters)", poolForwardWith({ positional: "stride-f" })),
  mutant("poolBackward", M.hpPositionalPadFirst, "const [f, stride] = Object.values(hparameters)", poolBackwardWith({ positional: "f-stride" })),
  mutant("poolBackward", M.hpPositionalStrideFirst, "const [stride, f] = Object.values(hparameters)", poolBackwardWith({ positional: "stride-f" })),

  mutant("convSingleStep", M.float32, "a Float32Array accumulator", convSingleStepWith({ float32: "accumulator" })),
  mutant("convSingleStep", M.float32, "Math.fround on every product and sum", convSingleStepWith({ float32: "fround" })),
  mutant("convForward", M.float32, "a Float32Array accumulator per output value", convForwardWith({ float32: true })),
  mutant("convBackward", M.float32, "dW accumulated in Float32Array rows", convBackwardWith({ float32: true })),
  mutant("poolForward", M.float32, "Math.fround on the window sum", poolForwardWith({ float32: true })),

  mutant("distributeValue", M.roundedShare, "Number(share.toFixed(6))", distributeValueWith({ rounded: true })),
  mutant("poolBackward", M.roundedShare, "the average share rounded with toFixed(6)", poolBackwardWith({ roundedShare: true })),
];

/** Mistake 9: correct outputs, but written into an argument. */
export const IN_PLACE: Mutant[] = [
  mutant("zeroPad", M.inPlace, "X[i] = padded example", zeroPadWith({ inPlace: true })),
  mutant("convSingleStep", M.inPlace, "aSlicePrev[i][j][k] *= W[i][j][k]", convSingleStepWith({ inPlace: true })),
  mutant("convForward", M.inPlace, "APrev[i] = padded example", convForwardWith({ inPlace: true })),
  mutant("convBackward", M.inPlace, "cached APrev[i] = padded example", convBackwardWith({ inPlace: true })),
  mutant("createMaskFromWindow", M.inPlace, "x overwritten with 0/1", createMaskWith({ inPlace: true })),
  mutant("poolBackward", M.inPlace, "dA /= f * f in place", poolBackwardWith({ inPlace: true })),
];

/**
 * Correct solutions that differ from the reference where the contract allows it: another summation
 * order (float64 rounds differently, the tolerances must allow it), and the other answer on ties.
 */
export const CORRECT_VARIANTS: Mutant[] = [
  mutant("convSingleStep", "", "sums in reverse order", convSingleStepWith({ reverse: true })),
  mutant("convForward", "", "sums each window in reverse order", convForwardWith({ reverse: true })),
  mutant("convBackward", "", "loops over examples and positions in reverse order", convBackwardWith({ reverse: true })),
  mutant("poolForward", "", "the mean as a running average", poolForwardWith({ runningMean: true })),
  mutant("createMaskFromWindow", "", "marks only the first of tied maxima", createMaskWith({ firstTieOnly: true })),
  mutant("poolBackward", "", "the gradient goes to the first of tied maxima only", poolBackwardWith({ firstTieOnly: true })),
];

/** The same variants with no mistake switched on: each must pass every case, or the mutants prove nothing. */
export const CONTROLS: Partial<Record<FunctionName, AnyFunction>> = {
  zeroPad: zeroPadWith(),
  convSingleStep: convSingleStepWith(),
  convForward: convForwardWith(),
  convBackward: convBackwardWith(),
  createMaskFromWindow: createMaskWith(),
  distributeValue: distributeValueWith(),
  poolForward: poolForwardWith(),
  poolBackward: poolBackwardWith(),
};
