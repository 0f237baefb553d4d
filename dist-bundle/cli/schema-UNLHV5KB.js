import {
  closest
} from "./chunk-UPW576YW.js";
import {
  findRagged
} from "./chunk-LMEQ6F2C.js";
import {
  EXERCISES,
  exerciseNamed
} from "./chunk-Y5N2JX36.js";

// src/fixtures/schema.ts
import { z } from "zod";
function unknownKeysMessage(keys, known, input) {
  const free = known.filter((key) => !(input && typeof input === "object" && Object.hasOwn(input, key)));
  const named = keys.map((key) => ({ key, near: closest(key, free) }));
  if (named.length === 1 && named[0].near) return `unknown key ${JSON.stringify(named[0].key)}; did you mean ${named[0].near}?`;
  const list = named.map(({ key, near }) => near ? `${JSON.stringify(key)} (did you mean ${near}?)` : JSON.stringify(key)).join(", ");
  return `unknown key${keys.length > 1 ? "s" : ""} ${list}; the keys here are ${known.join(", ")}`;
}
function strictObject(shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => issue.code === "unrecognized_keys" ? unknownKeysMessage(issue.keys, known, issue.input) : void 0
  });
}
var finite = z.number().refine(Number.isFinite, "expected a finite number");
var count = z.number().int().min(1);
var nonNegativeInt = z.number().int().min(0);
var nonEmpty = (item) => z.array(item).min(1, "expected a non-empty array");
var rectangular = (schema, rank) => schema.superRefine((value, ctx) => {
  const ragged = findRagged(value, rank);
  if (ragged) ctx.addIssue({ code: "custom", message: ragged.message, path: ragged.path });
});
var t2 = rectangular(nonEmpty(nonEmpty(finite)), 2);
var t3 = rectangular(nonEmpty(nonEmpty(nonEmpty(finite))), 3);
var t4 = rectangular(nonEmpty(nonEmpty(nonEmpty(nonEmpty(finite)))), 4);
var mask = rectangular(nonEmpty(nonEmpty(z.boolean())), 2);
var TENSORS = { 2: t2, 3: t3, 4: t4 };
var convHParameters = strictObject({ stride: count, pad: nonNegativeInt });
var poolHParameters = strictObject({ f: count, stride: count });
var mode = z.enum(["max", "average"]);
function typeSchema(type) {
  if (typeof type === "object") {
    if ("tensor" in type) return TENSORS[type.tensor];
    const forward = exerciseNamed(type.cacheOf);
    return z.tuple((forward.cacheArgs ?? []).map((i) => typeSchema(forward.args[i].type)));
  }
  switch (type) {
    case "number":
      return finite;
    case "nonNegativeInt":
      return nonNegativeInt;
    case "shape":
      return z.tuple([count, count]);
    case "convHParameters":
      return convHParameters;
    case "poolHParameters":
      return poolHParameters;
    case "mode":
      return mode;
  }
}
function argsSchema(exercise) {
  return z.tuple(exercise.args.map((arg) => arg.optional ? typeSchema(arg.type).optional() : typeSchema(arg.type)));
}
function expectedSchema(exercise) {
  const tensor = (output) => TENSORS[output.axes.length];
  switch (exercise.output) {
    case "scalar":
      return finite;
    case "mask":
      return mask;
    case "tensor":
    case "forward":
      return tensor(exercise.outputs[0]);
    case "tuple":
      return z.tuple(exercise.outputs.map(tensor));
  }
}
var FUNCTION_SCHEMAS = Object.fromEntries(
  EXERCISES.map((exercise) => [exercise.name, { args: argsSchema(exercise), expected: expectedSchema(exercise) }])
);
function gradientCheckArgsSchema(exercise) {
  return exercise.gradientCheck && FUNCTION_SCHEMAS[exercise.gradientCheck.forward].args;
}
var functionName = z.enum(EXERCISES.map((exercise) => exercise.name));
var siblingCallSchema = strictObject({ function: functionName, args: z.array(z.unknown()), expected: z.unknown() });
var common = {
  name: z.string().min(1),
  points: z.number().min(0).optional(),
  visibility: z.enum(["visible", "hidden"]).optional(),
  hint: z.string().optional(),
  targets: z.array(z.string()).optional(),
  siblingCalls: z.array(siblingCallSchema).optional()
};
var toleranceSchema = strictObject({ rtol: z.number().min(0), atol: z.number().min(0) });
var fingerprintsSchema = z.record(z.string().regex(/^[0-9][0-9a-f]{12}$/, "expected a grid digit and 12 hex digits"), z.string().min(1));
var nearMissSchema = strictObject({ mistake: z.string().min(1), ratio: z.number().gt(1) });
var caseSchema = strictObject({
  ...common,
  args: z.array(z.unknown()),
  expected: z.unknown(),
  tolerance: toleranceSchema.optional(),
  fingerprints: fingerprintsSchema.optional(),
  nearMiss: nearMissSchema.optional(),
  /**
   * The known mistakes whose mistaken variants fail this case (see scripts/fixtures/mistakes/): the
   * grader names a mistake only when the cases a learner fails are cases it fails (src/grade/diagnose/).
   */
  failedBy: z.array(z.string().min(1)).optional(),
  /** Fingerprints of known mistakes' outputs on this case, each with every mistake that gives it (src/grade/diagnose/). */
  mistakeOutputs: z.record(z.string().regex(/^[0-9][0-9a-f]{12}$/, "expected a grid digit and 12 hex digits"), z.array(z.string().min(1)).min(1)).optional()
});
var gradientCheckSchema = strictObject({
  ...common,
  args: z.array(z.unknown()),
  upstream: t4,
  numericGradients: z.array(t4).min(1),
  epsilon: z.number().gt(0).optional(),
  threshold: z.number().gt(0).optional()
});
var fixtureFileSchema = strictObject({
  function: z.string(),
  description: z.string().optional(),
  /** the hint of each known mistake the cases' fingerprints name: what it is and how to fix it */
  mistakes: z.record(z.string(), z.string().min(1)).optional(),
  cases: z.array(caseSchema),
  gradientChecks: z.array(gradientCheckSchema).optional()
});
export {
  FUNCTION_SCHEMAS,
  caseSchema,
  fingerprintsSchema,
  fixtureFileSchema,
  gradientCheckArgsSchema,
  gradientCheckSchema,
  nearMissSchema,
  siblingCallSchema,
  toleranceSchema
};
