// src/exercises.ts
var BATCH = ["m", "nH", "nW", "nC"];
var BATCH_PREV = ["m", "nHPrev", "nWPrev", "nCPrev"];
var t = (rank) => ({ tensor: rank });
var arg = (name, type, optional) => ({ name, type, ...optional ? { optional } : {} });
var out = (name, axes) => ({ name, axes });
var EXERCISES = [
  {
    name: "zeroPad",
    snakeName: "zero_pad",
    file: "zero-pad.ts",
    args: [arg("X", t(4)), arg("pad", "nonNegativeInt")],
    output: "tensor",
    outputs: [out("XPad", BATCH)],
    recordedCalls: { keep: 1, maxNumbers: 120 }
  },
  {
    name: "convSingleStep",
    snakeName: "conv_single_step",
    file: "conv-single-step.ts",
    args: [arg("aSlicePrev", t(3)), arg("W", t(3)), arg("b", t(3))],
    output: "scalar",
    outputs: [out("Z", [])],
    recordedCalls: { keep: 1, maxNumbers: 120 }
  },
  {
    name: "convForward",
    snakeName: "conv_forward",
    file: "conv-forward.ts",
    args: [arg("APrev", t(4)), arg("W", t(4)), arg("b", t(4)), arg("hparameters", "convHParameters")],
    output: "forward",
    outputs: [out("Z", BATCH), out("cache", [])],
    cacheArgs: [0, 1, 2, 3],
    extraCost: 40
  },
  {
    name: "poolForward",
    snakeName: "pool_forward",
    file: "pool-forward.ts",
    args: [arg("APrev", t(4)), arg("hparameters", "poolHParameters"), arg("mode", "mode", true)],
    output: "forward",
    outputs: [out("A", BATCH), out("cache", [])],
    cacheArgs: [0, 1]
  },
  {
    name: "convBackward",
    snakeName: "conv_backward",
    file: "conv-backward.ts",
    args: [arg("dZ", t(4)), arg("cache", { cacheOf: "convForward" })],
    output: "tuple",
    outputs: [out("dAPrev", BATCH_PREV), out("dW", ["f", "f", "nCPrev", "nC"]), out("db", ["1", "1", "1", "nC"])],
    gradientCheck: { forward: "convForward", wrt: [0, 1, 2] },
    extraCost: 10
  },
  {
    name: "createMaskFromWindow",
    snakeName: "create_mask_from_window",
    file: "create-mask-from-window.ts",
    args: [arg("x", t(2))],
    output: "mask",
    outputs: [out("mask", ["f", "f"])],
    ties: "mask",
    recordedCalls: { keep: 4, maxNumbers: 40 }
  },
  {
    name: "distributeValue",
    snakeName: "distribute_value",
    file: "distribute-value.ts",
    args: [arg("dz", "number"), arg("shape", "shape")],
    output: "tensor",
    outputs: [out("a", ["nH", "nW"])],
    recordedCalls: { keep: 4, maxNumbers: 40 }
  },
  {
    name: "poolBackward",
    snakeName: "pool_backward",
    file: "pool-backward.ts",
    args: [arg("dA", t(4)), arg("cache", { cacheOf: "poolForward" }), arg("mode", "mode", true)],
    output: "tensor",
    outputs: [out("dAPrev", BATCH_PREV)],
    gradientCheck: { forward: "poolForward", wrt: [0] },
    ties: "max-pool-backward"
  }
];
var BY_ANY_NAME = /* @__PURE__ */ new Map();
for (const exercise of EXERCISES) {
  BY_ANY_NAME.set(exercise.name, exercise);
  BY_ANY_NAME.set(exercise.snakeName, exercise);
  BY_ANY_NAME.set(exercise.name.toLowerCase(), exercise);
  BY_ANY_NAME.set(exercise.file.replace(/\.ts$/, ""), exercise);
}
function findExercise(name) {
  return BY_ANY_NAME.get(name) ?? BY_ANY_NAME.get(name.toLowerCase());
}
function fixtureFileName(exercise) {
  return exercise.file.replace(/\.ts$/, ".json");
}
function exerciseNamed(name) {
  const exercise = BY_ANY_NAME.get(name);
  if (!exercise) throw new Error(`unknown exercise ${name}`);
  return exercise;
}

export {
  EXERCISES,
  findExercise,
  fixtureFileName,
  exerciseNamed
};
