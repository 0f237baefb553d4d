/**
 * The eight exercises of the contract, in course order: the single source of every fact about each one
 * (names, file, arguments and their types, outputs and their axes, gradient checks, ties, costs).
 */

export type FunctionName =
  | "zeroPad"
  | "convSingleStep"
  | "convForward"
  | "poolForward"
  | "convBackward"
  | "createMaskFromWindow"
  | "distributeValue"
  | "poolBackward";

/** What a function's return value is made of, so the grader knows how to compare it. */
export type OutputKind =
  /** one tensor (nested arrays of numbers) */
  | "tensor"
  /** a plain number */
  | "scalar"
  /** a tensor of booleans (0/1 accepted) */
  | "mask"
  /** [output tensor, cache]: the cache must hold the inputs */
  | "forward"
  /** a tuple of tensors, one per output */
  | "tuple";

/** What an argument is, for the fixture schema (fixtures/schema.ts) and for messages. */
export type ArgType =
  /** a nested array of numbers of this rank */
  | { tensor: 2 | 3 | 4 }
  /** a finite number */
  | "number"
  /** an integer >= 0 */
  | "nonNegativeInt"
  /** [nH, nW], integers >= 1 */
  | "shape"
  | "convHParameters"
  | "poolHParameters"
  /** "max" or "average" */
  | "mode"
  /** the cache a forward function returns: its cached arguments, in order */
  | { cacheOf: FunctionName };

/** One argument of an exercise. */
export interface Arg {
  /** its name, for messages ("modified its input APrev") */
  name: string;
  type: ArgType;
  /** may be left out (mode defaults to "max"); only trailing arguments are */
  optional?: true;
}

/** One tensor an exercise returns. */
export interface Output {
  /** its name, for messages ("Z has shape ...") */
  name: string;
  /** names of its axes, for shape messages; its rank is their number (none for a number) */
  axes: readonly string[];
}

/** A backward exercise's gradient check: which forward it inverts, and what each output is the gradient of. */
export interface GradientCheckSpec {
  forward: FunctionName;
  /** outputs[k] is the gradient of the forward's argument wrt[k] */
  wrt: readonly number[];
}

/** One exercise of the contract, with every fact the grader, the fixtures and the generator need about it. */
export interface Exercise {
  /** camelCase export name */
  name: FunctionName;
  /** the course's snake_case name */
  snakeName: string;
  /** file in the submission folder */
  file: string;
  args: readonly Arg[];
  output: OutputKind;
  /** the returned tensors, in order ("forward": the output and the cache, which has no axes) */
  outputs: readonly Output[];
  /** for "forward": which arguments the cache must hold, in order (a prefix of args) */
  cacheArgs?: readonly number[];
  /** for backward functions: the gradient check, against the reference forward's numerical gradients */
  gradientCheck?: GradientCheckSpec;
  /** the tie rule that applies to its value (see grade/ties.ts) */
  ties?: "mask" | "max-pool-backward";
  /**
   * When the reference of another exercise calls this one, how many of those calls a fixture case
   * records for blame, and how many numbers one recorded call may hold (bounds the fixture's size).
   */
  recordedCalls?: { keep: number; maxNumbers: number };
  /** extra cost of grading it beyond its number of cases (much arithmetic per case; measured) */
  extraCost?: number;
}

const BATCH = ["m", "nH", "nW", "nC"] as const;
const BATCH_PREV = ["m", "nHPrev", "nWPrev", "nCPrev"] as const;
const t = (rank: 2 | 3 | 4): ArgType => ({ tensor: rank });
const arg = (name: string, type: ArgType, optional?: true): Arg => ({ name, type, ...(optional ? { optional } : {}) });
const out = (name: string, axes: readonly string[]): Output => ({ name, axes });

/** All eight, in course order. */
export const EXERCISES: readonly Exercise[] = [
  {
    name: "zeroPad",
    snakeName: "zero_pad",
    file: "zero-pad.ts",
    args: [arg("X", t(4)), arg("pad", "nonNegativeInt")],
    output: "tensor",
    outputs: [out("XPad", BATCH)],
    recordedCalls: { keep: 1, maxNumbers: 120 },
  },
  {
    name: "convSingleStep",
    snakeName: "conv_single_step",
    file: "conv-single-step.ts",
    args: [arg("aSlicePrev", t(3)), arg("W", t(3)), arg("b", t(3))],
    output: "scalar",
    outputs: [out("Z", [])],
    recordedCalls: { keep: 1, maxNumbers: 120 },
  },
  {
    name: "convForward",
    snakeName: "conv_forward",
    file: "conv-forward.ts",
    args: [arg("APrev", t(4)), arg("W", t(4)), arg("b", t(4)), arg("hparameters", "convHParameters")],
    output: "forward",
    outputs: [out("Z", BATCH), out("cache", [])],
    cacheArgs: [0, 1, 2, 3],
    extraCost: 40,
  },
  {
    name: "poolForward",
    snakeName: "pool_forward",
    file: "pool-forward.ts",
    args: [arg("APrev", t(4)), arg("hparameters", "poolHParameters"), arg("mode", "mode", true)],
    output: "forward",
    outputs: [out("A", BATCH), out("cache", [])],
    cacheArgs: [0, 1],
  },
  {
    name: "convBackward",
    snakeName: "conv_backward",
    file: "conv-backward.ts",
    args: [arg("dZ", t(4)), arg("cache", { cacheOf: "convForward" })],
    output: "tuple",
    outputs: [out("dAPrev", BATCH_PREV), out("dW", ["f", "f", "nCPrev", "nC"]), out("db", ["1", "1", "1", "nC"])],
    gradientCheck: { forward: "convForward", wrt: [0, 1, 2] },
    extraCost: 10,
  },
  {
    name: "createMaskFromWindow",
    snakeName: "create_mask_from_window",
    file: "create-mask-from-window.ts",
    args: [arg("x", t(2))],
    output: "mask",
    outputs: [out("mask", ["f", "f"])],
    ties: "mask",
    recordedCalls: { keep: 4, maxNumbers: 40 },
  },
  {
    name: "distributeValue",
    snakeName: "distribute_value",
    file: "distribute-value.ts",
    args: [arg("dz", "number"), arg("shape", "shape")],
    output: "tensor",
    outputs: [out("a", ["nH", "nW"])],
    recordedCalls: { keep: 4, maxNumbers: 40 },
  },
  {
    name: "poolBackward",
    snakeName: "pool_backward",
    file: "pool-backward.ts",
    args: [arg("dA", t(4)), arg("cache", { cacheOf: "poolForward" }), arg("mode", "mode", true)],
    output: "tensor",
    outputs: [out("dAPrev", BATCH_PREV)],
    gradientCheck: { forward: "poolForward", wrt: [0] },
    ties: "max-pool-backward",
  },
];

const BY_ANY_NAME = new Map<string, Exercise>();
for (const exercise of EXERCISES) {
  BY_ANY_NAME.set(exercise.name, exercise);
  BY_ANY_NAME.set(exercise.snakeName, exercise);
  BY_ANY_NAME.set(exercise.name.toLowerCase(), exercise);
  BY_ANY_NAME.set(exercise.file.replace(/\.ts$/, ""), exercise);
}

/** Finds an exercise by camelCase, snake_case or file name; undefined when unknown. */
export function findExercise(name: string): Exercise | undefined {
  return BY_ANY_NAME.get(name) ?? BY_ANY_NAME.get(name.toLowerCase());
}

/** Fixture file name for an exercise: fixtures/conv-forward.json. */
export function fixtureFileName(exercise: Exercise): string {
  return exercise.file.replace(/\.ts$/, ".json");
}

/** An exercise by its camelCase name (a name from this module, so it is known). */
export function exerciseNamed(name: FunctionName): Exercise {
  const exercise = BY_ANY_NAME.get(name);
  if (!exercise) throw new Error(`unknown exercise ${name}`);
  return exercise;
}
