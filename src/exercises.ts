/** The eight exercises of the contract, in course order: the single source of names, files and arities. */

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
  /** a tuple of tensors, one per name in outputNames */
  | "tuple";

/** One exercise of the contract. */
export interface Exercise {
  /** camelCase export name */
  name: FunctionName;
  /** the course's snake_case name */
  snakeName: string;
  /** file in the submission folder */
  file: string;
  /** names of the arguments, for messages ("modified its input APrev") */
  argNames: string[];
  /** how many trailing arguments are optional (mode defaults to "max") */
  optionalArgs: number;
  output: OutputKind;
  /** names of the returned tensors, for messages ("Z has shape ...") */
  outputNames: string[];
  /** for "forward": which arguments the cache must hold, in order */
  cacheArgs?: number[];
}

/** All eight, in course order. */
export const EXERCISES: readonly Exercise[] = [
  {
    name: "zeroPad",
    snakeName: "zero_pad",
    file: "zero-pad.ts",
    argNames: ["X", "pad"],
    optionalArgs: 0,
    output: "tensor",
    outputNames: ["XPad"],
  },
  {
    name: "convSingleStep",
    snakeName: "conv_single_step",
    file: "conv-single-step.ts",
    argNames: ["aSlicePrev", "W", "b"],
    optionalArgs: 0,
    output: "scalar",
    outputNames: ["Z"],
  },
  {
    name: "convForward",
    snakeName: "conv_forward",
    file: "conv-forward.ts",
    argNames: ["APrev", "W", "b", "hparameters"],
    optionalArgs: 0,
    output: "forward",
    outputNames: ["Z", "cache"],
    cacheArgs: [0, 1, 2, 3],
  },
  {
    name: "poolForward",
    snakeName: "pool_forward",
    file: "pool-forward.ts",
    argNames: ["APrev", "hparameters", "mode"],
    optionalArgs: 1,
    output: "forward",
    outputNames: ["A", "cache"],
    cacheArgs: [0, 1],
  },
  {
    name: "convBackward",
    snakeName: "conv_backward",
    file: "conv-backward.ts",
    argNames: ["dZ", "cache"],
    optionalArgs: 0,
    output: "tuple",
    outputNames: ["dAPrev", "dW", "db"],
  },
  {
    name: "createMaskFromWindow",
    snakeName: "create_mask_from_window",
    file: "create-mask-from-window.ts",
    argNames: ["x"],
    optionalArgs: 0,
    output: "mask",
    outputNames: ["mask"],
  },
  {
    name: "distributeValue",
    snakeName: "distribute_value",
    file: "distribute-value.ts",
    argNames: ["dz", "shape"],
    optionalArgs: 0,
    output: "tensor",
    outputNames: ["a"],
  },
  {
    name: "poolBackward",
    snakeName: "pool_backward",
    file: "pool-backward.ts",
    argNames: ["dA", "cache", "mode"],
    optionalArgs: 1,
    output: "tensor",
    outputNames: ["dAPrev"],
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
