/**
 * The words of a diagnosed mistake: what it is and how to fix it, per exercise where it matters. Fixed
 * text, never a value of the case. How sure the diagnosis is decides the opening: an output equal to the
 * mistake's own ("This is what … gives"), or evidence that fits it ("Looks like …", and the evidence).
 */
import type { FunctionName } from "../../exercises.js";

type Text = string | ((fn: FunctionName) => string);
const pool = (fn: FunctionName) => fn.startsWith("pool");
const conv = (fn: FunctionName) => fn === "convForward";
const size = (fn: FunctionName) => `nH = Math.floor((nHPrev - f${conv(fn) ? " + 2 * pad" : ""}) / stride) + 1 (nW likewise from nWPrev)`;

/** What each mistake is (after "This is what" / "Looks like"), and what to do instead. */
export const DIAGNOSES: Record<string, { what: Text; fix: Text; exact?: string }> = {
  strideForward: {
    what: "leaving the stride out of the slice corners",
    fix: "use vert_start = h * stride and horiz_start = w * stride (then vert_end = vert_start + f).",
  },
  strideBackward: {
    what: "leaving the stride out of the slice corners in the backward pass",
    fix: "the window of output (h, w) starts at vert_start = h * stride, horiz_start = w * stride.",
  },
  swappedHW: { what: "swapping nH and nW", fix: "nH comes from nHPrev (axis 1) and nW from nWPrev (axis 2)." },
  nHPrevForNH: { what: "using nHPrev for nH", fix: (fn) => `the output is smaller: ${size(fn)}.` },
  ceil: { what: "Math.ceil in the output size", fix: (fn) => `windows must fit entirely: ${size(fn)}.` },
  roundForSize: { what: "Math.round in the output size", fix: (fn) => `windows must fit entirely, so round down: ${size(fn)}.` },
  noPlusOne: { what: "leaving the + 1 out of the output size", fix: (fn) => `the first window counts too: ${size(fn)}.` },
  hardCodedPad: { what: "a fixed pad", fix: (fn) => `read it from ${fn === "zeroPad" ? "the pad argument" : "hparameters.pad"} instead of writing a number.` },
  padLeftOut: {
    what: (fn) => (fn === "zeroPad" ? "returning X without padding" : "leaving the padding out"),
    fix: (fn) =>
      fn === "zeroPad" ? "add pad zeros before and after, on the height and the width axes." : "slice windows from zeroPad(APrev, pad), not from APrev.",
  },
  paddingValues: {
    what: "padding with something other than zeros",
    fix: (fn) => (fn === "zeroPad" ? "the added rows and columns hold 0." : "pad with zeros (zeroPad) and slice every window from the padded input."),
  },
  hardCodedStride: { what: "a fixed stride", fix: (fn) => `read it from hparameters.stride instead of writing a number${pool(fn) ? " (f likewise)" : ""}.` },
  hpPositionalPadFirst: {
    what: (fn) => `reading hparameters by position as [${pool(fn) ? "f, stride" : "pad, stride"}]`,
    fix: (fn) => `their key order varies, so read them by name (const { ${pool(fn) ? "f, stride" : "stride, pad"} } = hparameters).`,
  },
  hpPositionalStrideFirst: {
    what: (fn) => `reading hparameters by position as [${pool(fn) ? "stride, f" : "stride, pad"}]`,
    fix: (fn) => `their key order varies, so read them by name (const { ${pool(fn) ? "f, stride" : "stride, pad"} } = hparameters).`,
  },
  biasInsideSum: {
    what: "adding the bias inside the sum (once per product)",
    fix: (fn) => `sum the products first, then add b${conv(fn) ? "[0][0][0][c]" : "[0][0][0]"} once.`,
  },
  biasLeftOut: { what: "leaving the bias out", fix: (fn) => `add b${conv(fn) ? "[0][0][0][c] to channel c" : "[0][0][0]"} once, after the sum.` },
  sameBias: { what: "using one bias for every channel", fix: "channel c adds b[0][0][0][c]." },
  wChannelAxesSwapped: {
    what: "reading W with its channel axes swapped",
    fix: "W has shape (f, f, nCPrev, nC): the filter of output channel c is W[r][s][k][c], k the input channel.",
  },
  dzForgotten: { what: "leaving dz out", fix: "each cell is dz / (nH * nW), not 1 / (nH * nW)." },
  dividedBySum: { what: "dividing by nH + nW", fix: "a window has nH * nW cells, so each gets dz / (nH * nW)." },
  averageNotDivided: {
    what: (fn) =>
      fn === "distributeValue" ? "not dividing dz" : fn === "poolForward" ? "the window's sum instead of its mean" : "not dividing in average mode",
    fix: (fn) =>
      fn === "distributeValue"
        ? "each of the nH * nW cells gets dz / (nH * nW), so that they add up to dz."
        : fn === "poolForward"
          ? "divide the sum by f * f."
          : "each of the f * f cells of a window gets dA / (f * f).",
  },
  assignInsteadOfAdd: {
    what: "'=' instead of '+=' where windows overlap",
    fix: "a cell in several windows gets the sum of their gradients, so add into dAPrev.",
  },
  modeIgnored: {
    what: "computing the other mode",
    fix: (fn) =>
      fn === "poolForward"
        ? "with mode 'average' each output is the mean of its window, with 'max' its maximum."
        : "with mode 'average' spread each gradient evenly over its window (distributeValue), with 'max' send it to the maximum (the mask).",
  },
  modeNoDefault: {
    what: "a mode with no default",
    fix: "when mode is left out it is 'max': give the parameter a default (mode: PoolMode = \"max\").",
  },
  maxFromZero: {
    what: "starting the maximum from 0",
    fix: (fn) =>
      `on windows whose values are all negative the maximum is negative: start from -Infinity${fn === "poolForward" ? " (or Math.max(...window))" : " (or the first value)"}.`,
  },
  maskOfOneRow: { what: "looking at the first row only", fix: "the mask has the window's shape, and the maximum is over every row." },
  runningMaxMarks: {
    what: "marking each cell that beats the maximum so far",
    fix: "find the window's maximum first, then mark the cells equal to it.",
  },
  tieSplit: {
    what: "splitting a window's gradient among its tied maxima",
    fix: "give the whole gradient to all tied cells, or to exactly one of them; do not divide it.",
  },
  dbNotSummedOverBatch: { what: "leaving db out of the loop over examples", fix: "db sums dZ over every example i, row and column." },
  roundedShare: { what: "rounding the share (toFixed)", fix: "tiny gradients become 0; keep the exact value." },
  rounded: { what: "rounding the result (toFixed)", fix: "keep the exact number: toFixed is for showing a number, not for computing with it." },
  paddedBatch: { what: "padding the batch axis", fix: "pad axes 1 and 2 (height and width) only; the number of examples stays m." },
  paddedChannels: { what: "padding the channel axis", fix: "pad axes 1 and 2 (height and width) only; the number of channels stays nC." },
  paddedOneSide: { what: "padding one side only", fix: "add pad zeros before and after, on both the height and the width axes." },
  inPlace: {
    what: "writing into an argument",
    fix: "exercises must leave their inputs unchanged; build a new array (or structuredClone the input) and write into that.",
  },
  sharedRows: {
    exact: "Rows of your output that should differ are one array object (Array(n).fill(row), or the same row pushed twice)",
    what: "rows that are one array object (Array(n).fill(row), or the same row pushed twice)",
    fix: "writing into one writes into all of them: make a new array for every row (Array.from({ length: n }, () => new Array(k).fill(0))).",
  },
  transposedHW: {
    what: "writing the output with height and width swapped",
    fix: "write the value of window (h, w) at [i][h][w][c]: h indexes axis 1 (height), w axis 2 (width).",
  },
  sameExample: {
    what: "giving every example example 0's output",
    fix: "loop over the examples and use example i's input (APrev[i]) for output i.",
  },
};

/**
 * The evidence a "Looks like" hint gives: fixed sentences, the only number in them the decimals a rounding
 * kept (never a value of the case).
 */
export const BECAUSE = {
  rounded: (decimals: number) => `your numbers are the expected ones rounded to ${decimals} decimals`,
  transposed: "your output is the expected one transposed on height and width",
  firstExample: "every example of your output is the expected output of example 0",
  edges: "your output is right where the windows stay inside the input, and wrong where they reach the padding",
  border: "your output holds X where it should, and something else than zeros around it",
  modeLeftOut: "only the cases that leave mode out fail",
  ties: "only the cases with tied maxima fail",
  allNegative: "only the cases with all-negative windows fail",
  exactZeros: "only the cases with exact zeros fail",
} as const;

/** The mistakes the grader can name, whether or not a fixture knows them. */
export const DIAGNOSABLE = Object.keys(DIAGNOSES);

const render = (text: Text, fn: FunctionName) => (typeof text === "string" ? text : text(fn));

/** How a diagnosis was reached, which decides its opening words. */
export type Evidence =
  /** the output is the mistake's own output */
  | { kind: "exact" }
  /** the output has the shape the mistake gives */
  | { kind: "shape" }
  /** a relation or the failed cases fit the mistake: said as such */
  | { kind: "looks-like"; because: string };

/** The hint of a diagnosed mistake. */
export function diagnosisHint(mistake: string, fn: FunctionName, evidence: Evidence): string | undefined {
  const text = DIAGNOSES[mistake];
  if (!text) return undefined;
  const what = render(text.what, fn);
  const fix = render(text.fix, fn);
  switch (evidence.kind) {
    case "exact":
      return text.exact ? `${text.exact}: ${fix}` : `This is what ${what} gives: ${fix}`;
    case "shape":
      return `Looks like ${what}: your output has the shape that gives. Fix: ${fix}`;
    case "looks-like":
      return `Looks like ${what}: ${evidence.because}. Fix: ${fix}`;
  }
}
