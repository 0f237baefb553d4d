/**
 * What one failed, visible case says about the mistake: the mistakes that would give exactly this output
 * (the fixture's fingerprints of them), the slips that give its shape, the
 * relations between it and the expected output. Strongest first: an output equal to a mistake's own
 * outweighs a relation, which outweighs a shape alone.
 */
import type { Exercise } from "../../exercises.js";
import type { Tolerance } from "../../fixtures/schema.js";
import { shapeOf } from "../../tensor.js";
import { fingerprintAt, OFFSETS } from "../fingerprint.js";
import { isWireTag } from "../mismatch.js";
import type { Observation } from "./diagnose.js";
import { everyExampleIsFirst, harmfulAliases, roundedDecimals, transposedHW, wrongOnlyAtPadding } from "./relations.js";
import { shapeSlips } from "./shape-slips.js";
import { BECAUSE, type Evidence } from "./texts.js";

/** A failed case's evidence: mistakes it allows (and how), or a fact about the value named on its own. */
export interface CaseEvidence {
  /** a mistake the value shows by itself, whatever else is wrong (rows that are one object, an argument written into) */
  independent?: string;
  candidates: Set<string>;
  kinds: Map<string, Evidence>;
}

/** Whether two values agree elementwise within a tenth of the case's tolerance (far below a mistake's effect). */
function closeTo(got: unknown, want: unknown, tolerance: Tolerance): boolean {
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return false;
    for (let i = 0; i < want.length; i++) if (!closeTo(got[i], want[i], tolerance)) return false;
    return true;
  }
  if (typeof want === "boolean" || typeof got === "boolean") return (got === true || got === 1) === (want === true || want === 1);
  if (typeof got !== "number" || typeof want !== "number" || !Number.isFinite(want)) return false;
  return Math.abs(got - want) <= (tolerance.atol + tolerance.rtol * Math.abs(want)) / 10;
}

/** Whether the elements at indices both tensors have agree within a tenth of the tolerance. */
function overlapAgrees(got: unknown, want: unknown, tolerance: Tolerance): boolean {
  if (!Array.isArray(want)) return closeTo(got, want, tolerance);
  if (!Array.isArray(got)) return false;
  const n = Math.min(got.length, want.length);
  for (let i = 0; i < n; i++) if (!overlapAgrees(got[i], want[i], tolerance)) return false;
  return n > 0;
}

/** For zeroPad and convForward: the case's pad, and whether output cell (h, w) lies in or reads the padding. */
function paddingReach(exercise: Exercise, args: readonly unknown[]) {
  if (exercise.name === "zeroPad") {
    const pad = args[1] as number;
    return { pad, reach: (h: number, w: number, nH: number, nW: number) => h < pad || w < pad || h >= nH - pad || w >= nW - pad };
  }
  if (exercise.name !== "convForward") return undefined;
  const A = args[0] as number[][][][];
  const f = (args[1] as unknown[]).length;
  const { pad, stride } = args[3] as { pad: number; stride: number };
  const [nHPrev, nWPrev] = [A[0].length, A[0][0].length];
  // Window (h, w) covers padded rows h * stride .. h * stride + f - 1: it reads padding unless all are inside.
  const inside = (start: number, n: number) => start >= pad && start + f <= n + pad;
  return { pad, reach: (h: number, w: number) => !inside(h * stride, nHPrev) || !inside(w * stride, nWPrev) };
}

/** The part of a returned value that is graded against `expected`: a forward function's output without its cache. */
function gradedValue(exercise: Exercise, value: unknown): unknown {
  return exercise.output === "forward" && Array.isArray(value) && value.length === 2 ? value[0] : value;
}

/** The evidence of one failed, visible case. */
export function caseEvidence(exercise: Exercise, o: Observation): CaseEvidence {
  const candidates = new Set<string>();
  const kinds = new Map<string, Evidence>();
  const add = (mistake: string, evidence: Evidence) => {
    if (candidates.has(mistake)) return;
    candidates.add(mistake);
    kinds.set(mistake, evidence);
  };
  if (o.result.mistake === "inPlace") return { independent: "inPlace", candidates, kinds };
  if (o.result.status !== "fail" || o.value === undefined || isWireTag(o.value)) return { candidates, kinds };
  const { testCase } = o;
  const expected = testCase.expected;
  if (harmfulAliases(exercise, o.aliases, expected)) return { independent: "sharedRows", candidates, kinds };
  const got = gradedValue(exercise, o.value);
  const exact = exactMistakes(exercise, o);
  for (const mistake of exact) add(mistake, { kind: "exact" });
  // A slip of the output size whose shape this is stays a candidate beside an exact match: on a small
  // case a fixed stride can give the one window that leaving out the + 1 keeps.
  const shape = shapeOf(got);
  const expectedShape = shapeOf(expected);
  const resized = shape.length === expectedShape.length && shape.some((n, i) => n !== expectedShape[i]);
  // A slip of the size leaves the windows both shapes have as they should be: else the shape is a coincidence.
  const slips = resized && overlapAgrees(got, expected, testCase.tolerance) ? shapeSlips(exercise.name, testCase.args, shape) : [];
  if (candidates.size > 0) {
    for (const mistake of slips) add(mistake, { kind: "shape" });
    return { candidates, kinds };
  }
  const decimals = roundedDecimals(got, expected);
  if (decimals !== undefined) {
    const mistake = exercise.name === "distributeValue" || exercise.name === "poolBackward" ? "roundedShare" : "rounded";
    add(mistake, { kind: "looks-like", because: BECAUSE.rounded(decimals) });
    return { candidates, kinds };
  }
  if (o.fingerprint?.nearMiss) {
    add(o.fingerprint.mistake, { kind: "exact" });
    return { candidates, kinds };
  }
  if (transposedHW(got, expected)) {
    add("transposedHW", { kind: "looks-like", because: BECAUSE.transposed });
    return { candidates, kinds };
  }
  const padding = paddingReach(exercise, testCase.args);
  if (padding && wrongOnlyAtPadding(got, expected, padding.pad, padding.reach)) {
    add("paddingValues", { kind: "looks-like", because: exercise.name === "zeroPad" ? BECAUSE.border : BECAUSE.edges });
    return { candidates, kinds };
  }
  if (everyExampleIsFirst(got, expected)) {
    add("sameExample", { kind: "looks-like", because: BECAUSE.firstExample });
    return { candidates, kinds };
  }
  for (const mistake of slips) add(mistake, { kind: "shape" });
  return { candidates, kinds };
}

/**
 * The mistakes whose own output on this case the value is: by the fixture's fingerprint of one mistake,
 * or of every mistake that gives it (`mistakeOutputs`, computed when fixtures were generated: the package
 * holds no solution to compute them with).
 */
function exactMistakes(exercise: Exercise, o: Observation): string[] {
  const found = new Set<string>();
  if (o.fingerprint && !o.fingerprint.nearMiss) found.add(o.fingerprint.mistake);
  const { testCase } = o;
  const outputs = testCase.mistakeOutputs ?? {};
  const grids = new Set(Object.keys(outputs).map((key) => Number(key[0])));
  for (const k of grids) {
    if (!(k in OFFSETS)) continue;
    const { key } = fingerprintAt(exercise, o.value, testCase.expected, testCase.tolerance, k);
    if (Object.hasOwn(outputs, key)) for (const mistake of outputs[key]) found.add(mistake);
  }
  return [...found];
}
