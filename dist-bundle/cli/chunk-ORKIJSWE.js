import {
  DiskCache,
  hashOf,
  transpileSubmission
} from "./chunk-ZZJ6HWKM.js";
import {
  importedSpecifiers,
  resolveImport
} from "./chunk-PIAGEL3G.js";
import {
  HarnessError
} from "./chunk-V6W3VMAA.js";
import {
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_MS,
  PACKAGE_FIXTURES,
  Sandbox,
  isolation,
  isolationSoFar,
  sameSandboxOptions,
  settledIsolation,
  startZygote
} from "./chunk-HS5FCRPH.js";
import {
  FUNCTION_BUDGET_FACTOR,
  FUNCTION_BUDGET_SLACK_MS,
  MAX_ELEMENTS,
  MAX_FATAL_PER_FUNCTION,
  MAX_OUTPUT_CHARS,
  MAX_SANDBOXES_AHEAD,
  MAX_VALUE_DEPTH,
  MIN_MEMORY_MB,
  MIN_TIMEOUT_MS,
  TYPECHECK_LIMIT_MS
} from "./chunk-MSXFVK3B.js";
import {
  elementAt,
  firstAt,
  leaves,
  shapeOf,
  shapeUpTo,
  walkPair
} from "./chunk-LMEQ6F2C.js";
import {
  EXERCISES,
  exerciseNamed,
  fixtureFileName
} from "./chunk-Y5N2JX36.js";

// src/version.ts
import { readFileSync } from "node:fs";
var version;
function packageVersion() {
  if (version === void 0) {
    try {
      version = String(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version);
    } catch {
      version = "unknown";
    }
  }
  return version;
}
var build;
function buildIdentity() {
  if (build === void 0) {
    try {
      const text = readFileSync(new URL("./build-id", import.meta.url), "utf8").trim();
      build = /^[0-9a-f]{64}$/.test(text) ? text : null;
    } catch {
      build = null;
    }
  }
  return build ?? void 0;
}

// src/fixtures/load.ts
import { readdirSync, readFileSync as readFileSync3 } from "node:fs";
import { join, relative } from "node:path";

// src/fixtures/cache-key.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { createRequire } from "node:module";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
var VALIDATOR_MODULES = [
  "fixtures/load",
  "fixtures/schema",
  "fixtures/cache-key",
  "cache",
  "errors",
  "exercises",
  "suggest",
  "tensor",
  "version"
];
var identity;
function validatorIdentity() {
  if (identity === void 0) {
    try {
      const ext = extname(fileURLToPath(import.meta.url));
      const sources = VALIDATOR_MODULES.map((name) => readFileSync2(new URL(`../${name}${ext}`, import.meta.url)));
      const zod = String(createRequire(import.meta.url)("zod/package.json").version);
      identity = { version: packageVersion(), zod, source: hashOf("validator-source", ...sources) };
    } catch {
      identity = null;
    }
  }
  return identity;
}
function fixtureCacheKey(exercise, bytes, validator) {
  return hashOf("fixture", `convgrade ${validator.version}`, `zod ${validator.zod}`, validator.source, exercise, bytes);
}

// src/fixtures/load.ts
var DEFAULT_TOLERANCE = { rtol: 1e-5, atol: 1e-8 };
var DEFAULT_GRADIENT = { epsilon: 1e-6, threshold: 1e-7 };
function jsonPath(path) {
  let out = "$";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) out += `.${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
function invalid(file, path, message) {
  return new HarnessError("FIXTURE_INVALID", `invalid fixture ${file} at ${jsonPath(path)}: ${message}`);
}
function firstIssue(file, base, error) {
  const issue = error.issues[0];
  const key = issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : [];
  const message = issue.code === "invalid_key" ? issue.issues[0]?.message ?? issue.message : issue.message;
  return invalid(file, [...base, ...issue.path, ...key], message);
}
function parseJson(file, text) {
  if (text.trim() === "") throw new HarnessError("FIXTURE_INVALID", `invalid fixture ${file}: the file is empty`);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error.message;
    const position = /position (\d+)/.exec(message);
    let where = "";
    if (position) {
      const before = text.slice(0, Number(position[1]));
      where = ` (line ${before.split("\n").length}, column ${Number(position[1]) - before.lastIndexOf("\n")})`;
    }
    throw new HarnessError("FIXTURE_INVALID", `invalid fixture ${file}: not valid JSON${where}: ${message}`);
  }
}
async function validate(file, data, exercise) {
  const schema = await import("./schema-UNLHV5KB.js");
  const check2 = (value, zodSchema, path) => {
    const result = zodSchema.safeParse(value);
    if (!result.success) throw firstIssue(file, path, result.error);
  };
  const parsed = schema.fixtureFileSchema.safeParse(data);
  if (!parsed.success) throw firstIssue(file, [], parsed.error);
  const fixture = parsed.data;
  if (fixture.function !== exercise.name) {
    const known2 = EXERCISES.some((e) => e.name === fixture.function);
    throw invalid(
      file,
      ["function"],
      known2 ? `"${fixture.function}" does not match the file name; ${fixtureFileName(exercise)} holds "${exercise.name}"` : `unknown function "${fixture.function}"; expected "${exercise.name}"`
    );
  }
  const { args, expected } = schema.FUNCTION_SCHEMAS[exercise.name];
  const names = /* @__PURE__ */ new Set();
  const checkSiblingCalls = (calls, path) => (calls ?? []).forEach((call, k) => {
    if (call.function === exercise.name) throw invalid(file, [...path, k, "function"], `a sibling call must name another exercise than ${exercise.name}`);
    const sibling = schema.FUNCTION_SCHEMAS[call.function];
    check2(call.args, sibling.args, [...path, k, "args"]);
    check2(call.expected, sibling.expected, [...path, k, "expected"]);
  });
  fixture.cases.forEach((c, index) => {
    check2(c.args, args, ["cases", index, "args"]);
    check2(c.expected, expected, ["cases", index, "expected"]);
    checkSiblingCalls(c.siblingCalls, ["cases", index, "siblingCalls"]);
    const named = [...Object.values(c.fingerprints ?? {}), ...c.nearMiss ? [c.nearMiss.mistake] : []];
    const unknown = named.find((mistake) => !Object.hasOwn(fixture.mistakes ?? {}, mistake));
    if (unknown) throw invalid(file, ["cases", index], `names the mistake "${unknown}", which "mistakes" does not describe`);
    if (names.has(c.name)) throw invalid(file, ["cases", index, "name"], `duplicate case name "${c.name}"`);
    names.add(c.name);
  });
  const gradientArgs = schema.gradientCheckArgsSchema(exercise);
  const wrt = exercise.gradientCheck?.wrt ?? [];
  const gradients = wrt.map((_, k) => exercise.outputs[k].name);
  (fixture.gradientChecks ?? []).forEach((g, index) => {
    if (!gradientArgs) throw invalid(file, ["gradientChecks", index], `${exercise.name} has no gradient check`);
    const at = (...rest) => ["gradientChecks", index, ...rest];
    check2(g.args, gradientArgs, at("args"));
    checkSiblingCalls(g.siblingCalls, at("siblingCalls"));
    const numeric = g.numericGradients;
    if (numeric.length !== wrt.length) {
      throw invalid(file, at("numericGradients"), `expected ${wrt.length} numerical gradients (${gradients.join(", ")}), found ${numeric.length}`);
    }
    wrt.forEach((arg, k) => {
      const shape = JSON.stringify(shapeOf(g.args[arg]));
      if (JSON.stringify(shapeOf(numeric[k])) !== shape)
        throw invalid(file, at("numericGradients", k), `the numerical gradient of ${gradients[k]} must have the shape of args[${arg}], ${shape}`);
      if (!leaves(numeric[k]).some((x) => x !== 0))
        throw invalid(file, at("numericGradients", k), `the numerical gradient of ${gradients[k]} is all zeros: the check would prove nothing`);
    });
    if (names.has(g.name)) throw invalid(file, at("name"), `duplicate name "${g.name}"`);
    names.add(g.name);
  });
  return fixture;
}
function normalise(fixture, exercise, file, hash) {
  const common = (raw) => ({
    name: raw.name,
    points: raw.points ?? 1,
    hidden: raw.visibility === "hidden",
    hint: raw.hint,
    siblingCalls: raw.siblingCalls ?? []
  });
  return {
    exercise,
    file,
    hash,
    cases: fixture.cases.map((raw) => ({
      ...common(raw),
      args: raw.args,
      expected: raw.expected,
      tolerance: raw.tolerance ?? DEFAULT_TOLERANCE,
      ...raw.fingerprints ? { fingerprints: raw.fingerprints } : {},
      ...raw.nearMiss ? { nearMiss: raw.nearMiss } : {},
      ...raw.failedBy ? { failedBy: raw.failedBy } : {},
      ...raw.mistakeOutputs ? { mistakeOutputs: raw.mistakeOutputs } : {},
      ...fixture.mistakes ? { mistakeHints: fixture.mistakes } : {}
    })),
    gradientChecks: (fixture.gradientChecks ?? []).map((raw) => ({
      ...common(raw),
      args: raw.args,
      upstream: raw.upstream,
      numericGradients: raw.numericGradients,
      epsilon: raw.epsilon ?? DEFAULT_GRADIENT.epsilon,
      threshold: raw.threshold ?? DEFAULT_GRADIENT.threshold
    }))
  };
}
async function loadFixture(path, exercise, cache, cwd = process.cwd()) {
  const file = relative(cwd, path) || path;
  let bytes;
  try {
    bytes = readFileSync3(path);
  } catch (error) {
    throw new HarnessError("FIXTURE_MISSING", `cannot read fixture ${file}: ${error.message}`);
  }
  const data = parseJson(file, bytes.toString("utf8"));
  const validator = validatorIdentity();
  const key = validator && fixtureCacheKey(exercise.name, bytes, validator);
  if (key && cache.get("fixtures", key) !== void 0) {
    return normalise(data, exercise, file, hashOf("fixture-bytes", bytes));
  }
  const fixture = await validate(file, data, exercise);
  if (key) cache.set("fixtures", key, "valid");
  return normalise(fixture, exercise, file, hashOf("fixture-bytes", bytes));
}
async function loadFixtures(dir, selected, cache, cwd = process.cwd()) {
  let entries;
  try {
    entries = readdirSync(dir).filter((name) => name.endsWith(".json"));
  } catch {
    throw new HarnessError("FIXTURE_MISSING", `fixture folder not found: ${relative(cwd, dir) || dir}`);
  }
  const known2 = new Map(EXERCISES.map((exercise) => [fixtureFileName(exercise), exercise]));
  for (const name of entries) {
    if (!known2.has(name)) {
      throw new HarnessError(
        "FIXTURE_INVALID",
        `invalid fixture ${relative(cwd, join(dir, name))}: no exercise is named by this file; expected one of ${[...known2.keys()].join(", ")}`
      );
    }
  }
  const wanted = selected ?? EXERCISES.filter((exercise) => entries.includes(fixtureFileName(exercise)));
  if (wanted.length === 0) throw new HarnessError("FIXTURE_MISSING", `no fixture files in ${relative(cwd, dir) || dir}`);
  return Promise.all(wanted.map((exercise) => loadFixture(join(dir, fixtureFileName(exercise)), exercise, cache, cwd)));
}

// src/run/check.ts
import { existsSync as existsSync2, realpathSync, statSync } from "node:fs";
import { join as join5, relative as relative5 } from "node:path";

// src/grade/grade-function.ts
import { join as join2, relative as relative3 } from "node:path";

// src/grade/blame.ts
import { existsSync } from "node:fs";

// src/grade/tolerance.ts
function allowedError(expected, tolerance) {
  return tolerance.atol + (expected === 0 ? 0 : tolerance.rtol * Math.abs(expected));
}
function withinTolerance(got, expected, tolerance) {
  return Math.abs(got - expected) <= allowedError(expected, tolerance);
}
function toleranceRatio(error, expected, tolerance) {
  const allowed = allowedError(expected, tolerance);
  return allowed > 0 ? error / allowed : error > 0 ? Number.POSITIVE_INFINITY : 0;
}

// src/grade/diff-slice.ts
var SLICE_RADIUS = 3;
var PREFERENCE = { 2: [0, 1], 3: [0, 1, 2], 4: [1, 2, 3, 0] };
function sliceAxes(shape) {
  const preference = PREFERENCE[shape.length];
  if (!preference) return void 0;
  const long = preference.filter((axis) => shape[axis] > 1);
  const chosen = [.../* @__PURE__ */ new Set([...long, ...preference])].slice(0, 2).sort((a, b) => a - b);
  return [chosen[0], chosen[1]];
}
function windowAround(at, length) {
  const size2 = Math.min(length, 2 * SLICE_RADIUS + 1);
  return [Math.min(Math.max(0, at - SLICE_RADIUS), length - size2), size2];
}
function numberAt(value, index) {
  const x = elementAt(value, index);
  if (typeof x === "boolean") return x ? 1 : 0;
  return typeof x === "number" ? x : Number.NaN;
}
function diffSlice(got, expected, worst, options) {
  const shape = shapeOf(expected);
  const axes = sliceAxes(shape);
  if (!axes) return void 0;
  const [rowAxis, colAxis] = axes;
  const [rowStart, rows] = windowAround(worst[rowAxis], shape[rowAxis]);
  const [colStart, cols] = windowAround(worst[colAxis], shape[colAxis]);
  const grid = (fn) => Array.from(
    { length: rows },
    (_, r) => Array.from({ length: cols }, (_2, s) => {
      const index = [...worst];
      index[rowAxis] = rowStart + r;
      index[colAxis] = colStart + s;
      return fn(index);
    })
  );
  const expectedGrid = grid((index) => numberAt(expected, index));
  const gotGrid = grid((index) => numberAt(got, index));
  const differs = expectedGrid.map(
    (row, r) => row.map((e, s) => options.booleans ? gotGrid[r][s] !== e : !withinTolerance(gotGrid[r][s], e, options.tolerance))
  );
  const names = { rowName: options.axes?.[rowAxis], colName: options.axes?.[colAxis] };
  return {
    tensor: options.tensor,
    index: [...worst],
    rowAxis,
    colAxis,
    ...names.rowName ? { rowName: names.rowName } : {},
    ...names.colName ? { colName: names.colName } : {},
    rowStart,
    colStart,
    expected: expectedGrid,
    got: gotGrid,
    differs,
    ...options.booleans ? { booleans: true } : {}
  };
}

// src/grade/mismatch.ts
function formatIndex(index) {
  return `[${index.join(",")}]`;
}
function formatShape(shape) {
  return `(${shape.join(",")}${shape.length === 1 ? "," : ""})`;
}
function formatNumber(value) {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e9) return String(Number(value.toPrecision(8)));
  return Number(value.toPrecision(4)).toExponential();
}
function isWireTag(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof value.$wire === "string";
}
var UNGRADABLE = /* @__PURE__ */ new Set(["promise", "cycle", "too-deep", "too-large", "unreadable"]);
function ungradable(value) {
  return isWireTag(value) && UNGRADABLE.has(value.$wire);
}
function describeValue(value) {
  if (value === null) return "null";
  if (value === void 0) return "undefined";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? `the number ${formatNumber(value)}` : formatNumber(value);
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (typeof value === "string") return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}\u2026` : value)})`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (isWireTag(value)) return describeTag(value);
  return "an unsupported value";
}
function describeTag(value) {
  switch (value.$wire) {
    case "hole":
      return "empty (a hole in the array)";
    case "object":
      return value.ctor === "Object" ? "an object" : `an object of class ${String(value.ctor)}`;
    case "function":
      return "a function";
    case "promise":
      return "a Promise";
    case "cycle":
      return "a cyclic structure (an array that contains itself)";
    case "too-deep":
      return "a structure nested too deeply";
    case "too-large":
      return `an array too large to grade (${String(value.count)} elements; the limit is ${String(value.limit)} numbers in all)`;
    case "unreadable":
      return `a value that could not be read (${String(value.message)})`;
    default:
      return String(value.description ?? "an unsupported value");
  }
}
function hintHelps(mismatch) {
  switch (mismatch.kind) {
    case "promise":
      return false;
    case "cache-changed":
    case "argument-modified": {
      const d = mismatch.difference;
      return d.kind !== "too-deep" && !((d.kind === "became" || d.kind === "changed") && ungradable(d.now));
    }
    default:
      return !("got" in mismatch && ungradable(mismatch.got));
  }
}
function formatPath(path) {
  const parts = [];
  let indices = [];
  for (const step of path) {
    if (typeof step === "number") {
      indices.push(step);
      continue;
    }
    if (indices.length) parts.push(formatIndex(indices));
    indices = [];
    parts.push(`key "${step}"`);
  }
  if (indices.length) parts.push(formatIndex(indices));
  return parts.join(", ");
}
function renderDifference(d) {
  const at = d.path.length ? `at ${formatPath(d.path)}` : "";
  const atColon = at ? `${at}: ` : "";
  switch (d.kind) {
    case "changed":
      return `${at} (was ${describeValue(d.was)}, now ${describeValue(d.now)})`.trim();
    case "became":
      return `${atColon}it became ${describeValue(d.now)}`;
    case "length":
      return `${at || "its length"}: length ${d.length} instead of ${d.expectedLength}`;
    case "missing-key":
      return `${atColon}its key "${d.key}" is missing`;
    case "extra-key":
      return `${atColon}it gained a key "${d.key}"`;
    case "too-deep":
      return `${atColon}it is nested too deeply`;
  }
}
var axisName = (at) => `axis ${at.axis}${at.name ? ` (${at.name})` : ""}`;
function renderMismatch(m) {
  switch (m.kind) {
    case "not-a-number":
      return `${m.tensor} should be a number, but it is ${describeValue(m.got)}`;
    case "array-for-number":
      return `${m.tensor} should be a plain number, but it is an array of shape ${formatShape(m.shape)}; reduce it to a number`;
    case "scalar-value":
      return `${m.tensor} is ${formatNumber(m.got)}, expected ${formatNumber(m.expected)} (error ${formatNumber(m.error)})`;
    case "not-an-array":
      return `${m.tensor} should be an array of shape ${formatShape(m.expectedShape)}, but it is ${describeValue(m.got)}`;
    case "axis-length":
      return `${m.tensor} has shape ${formatShape(m.shape)}, expected ${formatShape(m.expectedShape)}: ${axisName(m.at)} has length ${m.shape[m.at.axis]}, expected ${m.expectedShape[m.at.axis]}`;
    case "rank":
      return `${m.tensor} has shape ${formatShape(m.shape)}, expected ${formatShape(m.expectedShape)}: it has ${m.shape.length} axes instead of ${m.expectedShape.length}`;
    case "element-for-array":
      return `${m.tensor}${formatIndex(m.index)} is ${describeValue(m.got)}, expected an array of length ${m.expectedLength} (${axisName(m.at)})`;
    case "ragged":
      return `${m.tensor} is ragged: ${m.tensor}${formatIndex(m.index)} has length ${m.length}, expected ${m.expectedLength} like the others (${axisName(m.at)})`;
    case "bad-element":
      return `${m.tensor}${formatIndex(m.index)} is ${describeValue(m.got)}, expected a ${m.wanted}`;
    case "not-finite":
      return `${m.tensor}${m.index ? formatIndex(m.index) : ""} is ${formatNumber(m.got)}, expected ${formatNumber(m.expected)}`;
    case "values":
      return `${m.tensor} differs from the expected values at ${m.differing} of ${m.total} elements; the largest error is ${formatNumber(m.error)} at ${formatIndex(m.index)}: expected ${formatNumber(m.expected)}, got ${formatNumber(m.got)}`;
    case "mask-values":
      return `${m.tensor} differs at ${m.differing} of ${m.total} elements; first at ${formatIndex(m.index)}: expected ${m.expected}, got ${m.got}`;
    case "promise":
      return `${m.function} returned a Promise: exercises must be synchronous (remove "async")`;
    case "tuple-form":
      return `${m.function} should return [${m.outputs.join(", ")}], but it returned ${describeValue(m.got)}`;
    case "forward-form":
      return `${m.function} should return [${m.output}, cache] with cache = [${m.cacheNames.join(", ")}], but it returned ${describeValue(m.got)}` + (m.looksLikeOutput ? ` (it looks like ${m.output} alone)` : "");
    case "cache-form":
      return `the cache should be [${m.cacheNames.join(", ")}], but it is ${describeValue(m.got)}`;
    case "cache-changed":
      return `cache[${m.slot}] should be the input ${m.arg}, unchanged, but ${renderDifference(m.difference)}`;
    case "argument-modified":
      return `modified its input ${m.arg} ${renderDifference(m.difference)}; exercises must not change their arguments`;
    case "gradient-reference-zero":
      return `the numerical gradient of ${m.gradient} in this check is zero: the check cannot judge it (a fixture problem)`;
    case "gradient-error":
      return `${m.gradient}: relative error ${formatNumber(m.error)} exceeds ${formatNumber(m.threshold)}` + (m.allZero ? ` (your ${m.gradient} is all zeros)` : "") + `; worst at ${m.gradient}${formatIndex(m.index)}: your backward gives ${formatNumber(m.analytic)}, central differences of the reference forward give ${formatNumber(m.numeric)}`;
  }
}

// src/grade/compare.ts
function record(stats, error, expected, tolerance) {
  if (!stats) return;
  stats.largestError = Math.max(stats.largestError, error);
  stats.ratio = Math.max(stats.ratio, toleranceRatio(error, expected, tolerance));
}
function compareScalar(got, expected, options) {
  const { name: tensor, tolerance } = options;
  if (typeof got !== "number") {
    if (Array.isArray(got)) return { kind: "array-for-number", tensor, shape: shapeUpTo(got, 8) };
    return { kind: "not-a-number", tensor, got };
  }
  if (!Number.isFinite(got)) return { kind: "not-finite", tensor, got, expected };
  const error = Math.abs(got - expected);
  record(options.stats, error, expected, tolerance);
  if (withinTolerance(got, expected, tolerance)) return void 0;
  return { kind: "scalar-value", tensor, expected, got, error };
}
function compareShape(got, expectedShape, options) {
  const tensor = options.name;
  const rank2 = expectedShape.length;
  const at = (axis) => options.axes?.[axis] ? { axis, name: options.axes[axis] } : { axis };
  if (!Array.isArray(got)) return { kind: "not-an-array", tensor, expectedShape, got };
  const shape = shapeUpTo(got, rank2 + 2);
  if (shape.length < rank2) {
    const last = shape.length - 1;
    if (shape.length > 0 && shape[last] === 0) return { kind: "axis-length", tensor, shape, expectedShape, at: at(last) };
    const found = firstAt(got, shape.length);
    if (typeof found !== "number") {
      return { kind: "element-for-array", tensor, index: shape.map(() => 0), got: found, expectedLength: expectedShape[shape.length], at: at(shape.length) };
    }
  }
  if (shape.length < rank2 || shape.length > rank2 && Array.isArray(firstAt(got, rank2))) return { kind: "rank", tensor, shape, expectedShape };
  for (let axis = 0; axis < rank2; axis++) {
    if (shape[axis] !== expectedShape[axis]) return { kind: "axis-length", tensor, shape: shape.slice(0, rank2), expectedShape, at: at(axis) };
  }
  return void 0;
}
function compareTensor(got, expected, options) {
  const { name: tensor, tolerance } = options;
  const expectedShape = shapeOf(expected);
  const shapeProblem = compareShape(got, expectedShape, options);
  if (shapeProblem) return shapeProblem;
  const at = (axis) => options.axes?.[axis] ? { axis, name: options.axes[axis] } : { axis };
  let differing = 0;
  let total = 0;
  let worst;
  const onLeaf = (g, e, index) => {
    total++;
    if (options.booleans) {
      const value = g === true || g === 1 ? true : g === false || g === 0 ? false : void 0;
      if (value === void 0) return { kind: "bad-element", tensor, index: [...index], got: g, wanted: "boolean" };
      if (value !== e) {
        differing++;
        worst ??= { index: [...index], got: value ? 1 : 0, expected: e ? 1 : 0, error: 1 };
      }
      return void 0;
    }
    if (typeof g !== "number") return { kind: "bad-element", tensor, index: [...index], got: g, wanted: "number" };
    if (!Number.isFinite(g)) return { kind: "not-finite", tensor, index: [...index], got: g, expected: e };
    const error = Math.abs(g - e);
    record(options.stats, error, e, tolerance);
    if (!withinTolerance(g, e, tolerance)) {
      differing++;
      if (!worst || error > worst.error) worst = { index: [...index], got: g, expected: e, error };
    }
    return void 0;
  };
  const onMismatch = (g, e, index) => {
    const expectedLength = e.length;
    if (!Array.isArray(g)) return { kind: "element-for-array", tensor, index: [...index], got: g, expectedLength, at: at(index.length) };
    return { kind: "ragged", tensor, index: [...index], length: g.length, expectedLength, at: at(index.length) };
  };
  const problem = walkPair(got, expected, onLeaf, onMismatch);
  if (problem) return problem;
  if (!worst) return void 0;
  const slice = diffSlice(got, expected, worst.index, { tensor, tolerance, axes: options.axes, booleans: options.booleans });
  if (options.booleans) {
    return { kind: "mask-values", tensor, differing, total, index: worst.index, expected: worst.expected === 1, got: worst.got === 1, slice };
  }
  return { kind: "values", tensor, differing, total, index: worst.index, expected: worst.expected, got: worst.got, error: worst.error, slice };
}
function firstDifference(got, original, path = []) {
  const at = [...path];
  const walk = (g, o, depth) => {
    if (depth > MAX_VALUE_DEPTH) return { kind: "too-deep", path: [...at] };
    if (Array.isArray(o)) {
      if (!Array.isArray(g)) return { kind: "became", path: [...at], now: g };
      if (g.length !== o.length) return { kind: "length", path: [...at], length: g.length, expectedLength: o.length };
      for (let i = 0; i < o.length; i++) {
        at.push(i);
        const found = walk(g[i], o[i], depth + 1);
        at.pop();
        if (found) return found;
      }
      return void 0;
    }
    if (typeof o === "object" && o !== null) {
      const entries = isWireTag(g) && g.$wire === "object" && Array.isArray(g.entries) ? g.entries : void 0;
      if (!entries) return { kind: "became", path: [...at], now: g };
      const gotMap = new Map(entries.filter((entry) => Array.isArray(entry)));
      for (const [key, value] of Object.entries(o)) {
        if (!gotMap.has(key)) return { kind: "missing-key", path: [...at], key };
        at.push(key);
        const found = walk(gotMap.get(key), value, depth + 1);
        at.pop();
        if (found) return found;
      }
      for (const key of gotMap.keys()) if (!(key in o)) return { kind: "extra-key", path: [...at], key };
      return void 0;
    }
    if (Object.is(g, o) || g === 0 && o === 0) return void 0;
    return { kind: "changed", path: [...at], was: o, now: g };
  };
  return walk(got, original, path.length);
}

// src/grade/ties.ts
function readNumber(value, index) {
  const node = elementAt(value, index);
  if (node === true) return 1;
  if (node === false) return 0;
  return typeof node === "number" ? node : void 0;
}
function maskWithTies(x, expected, got) {
  const max = Math.max(...x.flat());
  const tied = x.flatMap((row, i) => row.flatMap((value, j) => value === max ? [[i, j]] : []));
  if (tied.length < 2) return expected;
  const marked = x.flatMap((row, i) => row.flatMap((_, j) => readNumber(got, [i, j]) === 1 ? [[i, j]] : []));
  if (marked.length !== 1 || !tied.some(([i, j]) => i === marked[0][0] && j === marked[0][1])) return expected;
  return x.map((row, i) => row.map((_, j) => i === marked[0][0] && j === marked[0][1]));
}
function poolBackwardWithTies(dA, APrev, f, stride, expected, got) {
  const windows = [];
  for (let i = 0; i < dA.length; i++)
    for (let h = 0; h < dA[i].length; h++)
      for (let w = 0; w < dA[i][h].length; w++)
        for (let c = 0; c < dA[i][h][w].length; c++) {
          const cells = [];
          let max = -Infinity;
          for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) max = Math.max(max, APrev[i][h * stride + r][w * stride + s][c]);
          for (let r = 0; r < f; r++)
            for (let s = 0; s < f; s++) if (APrev[i][h * stride + r][w * stride + s][c] === max) cells.push([i, h * stride + r, w * stride + s, c]);
          if (cells.length > 1 && dA[i][h][w][c] !== 0) windows.push({ g: dA[i][h][w][c], cells });
        }
  if (windows.length === 0) return expected;
  const base = structuredClone(expected);
  const add = (cell, amount, into) => into[cell[0]][cell[1]][cell[2]][cell[3]] += amount;
  for (const window of windows) for (const cell of window.cells) add(cell, -window.g, base);
  const seen = /* @__PURE__ */ new Set();
  const disjoint = windows.every((window) => window.cells.every((cell) => !seen.has(cell.join()) && seen.add(cell.join())));
  const gap = (candidate, cells) => Math.max(...cells.map((cell) => Math.abs((readNumber(got, cell) ?? Number.NaN) - candidate[cell[0]][cell[1]][cell[2]][cell[3]])));
  const choices = (window) => [window.cells, ...window.cells.map((cell) => [cell])];
  if (disjoint) {
    const adjusted = structuredClone(base);
    for (const window of windows) {
      let best = window.cells;
      let bestGap = Infinity;
      for (const choice of choices(window)) {
        const candidate = structuredClone(base);
        for (const cell of choice) add(cell, window.g, candidate);
        const g = gap(candidate, window.cells);
        if (g < bestGap) [best, bestGap] = [choice, g];
      }
      for (const cell of best) add(cell, window.g, adjusted);
    }
    return adjusted;
  }
  const candidates = [(w) => w.cells, (w) => [w.cells[0]], (w) => [w.cells[w.cells.length - 1]]].map((pick) => {
    const candidate = structuredClone(base);
    for (const window of windows) for (const cell of pick(window)) add(cell, window.g, candidate);
    return candidate;
  });
  const allCells = windows.flatMap((window) => window.cells);
  return candidates.reduce((best, candidate) => gap(candidate, allCells) < gap(best, allCells) ? candidate : best);
}
function expectedWithTies(exercise, testCase, got) {
  switch (exercise.ties) {
    case "mask":
      return maskWithTies(testCase.args[0], testCase.expected, got);
    case "max-pool-backward": {
      const modeAt = exercise.args.findIndex((arg) => arg.type === "mode");
      if ((testCase.args[modeAt] ?? "max") !== "max") return testCase.expected;
      const [dA, cache] = testCase.args;
      const [APrev, { f, stride }] = cache;
      return poolBackwardWithTies(dA, APrev, f, stride, testCase.expected, got);
    }
    case void 0:
      return testCase.expected;
  }
}

// src/grade/check-value.ts
var optionsOf = (output, tolerance, stats) => ({
  name: output.name,
  tolerance,
  axes: output.axes,
  stats
});
function checkValue(exercise, testCase, value, stats) {
  const tolerance = testCase.tolerance;
  const [first] = exercise.outputs;
  switch (exercise.output) {
    case "scalar":
      return compareScalar(value, testCase.expected, optionsOf(first, tolerance, stats));
    case "tensor":
      return compareTensor(value, expectedWithTies(exercise, testCase, value), optionsOf(first, tolerance, stats));
    case "mask":
      return compareTensor(value, expectedWithTies(exercise, testCase, value), { ...optionsOf(first, tolerance), booleans: true });
    case "tuple": {
      const outputs = exercise.outputs;
      if (!Array.isArray(value) || value.length !== outputs.length) {
        return { kind: "tuple-form", function: exercise.name, outputs: outputs.map((output) => output.name), got: value };
      }
      const expected = testCase.expected;
      let wrong;
      for (let i = 0; i < outputs.length && (stats || !wrong); i++) {
        const mismatch = compareTensor(value[i], expected[i], optionsOf(outputs[i], tolerance, stats));
        wrong ??= mismatch;
      }
      return wrong;
    }
    case "forward": {
      const cacheArgs = exercise.cacheArgs ?? [];
      const cacheNames = cacheArgs.map((i) => exercise.args[i].name);
      if (!Array.isArray(value) || value.length !== 2) {
        const looksLikeOutput = Array.isArray(value) && shapeUpTo(value, 8).length === first.axes.length;
        return { kind: "forward-form", function: exercise.name, output: first.name, cacheNames, got: value, looksLikeOutput };
      }
      const mismatch = compareTensor(value[0], testCase.expected, optionsOf(first, tolerance, stats));
      if (mismatch) return mismatch;
      const cache = value[1];
      if (!Array.isArray(cache) || cache.length !== cacheArgs.length) return { kind: "cache-form", cacheNames, got: cache };
      for (let k = 0; k < cacheArgs.length; k++) {
        const difference = firstDifference(cache[k], testCase.args[cacheArgs[k]]);
        if (difference) return { kind: "cache-changed", slot: k, arg: cacheNames[k], difference };
      }
      return void 0;
    }
  }
}
function checkArgumentsUnchanged(exercise, original, after) {
  if (!Array.isArray(after)) return void 0;
  for (let i = 0; i < original.length; i++) {
    const difference = firstDifference(after[i], original[i]);
    if (difference) return { kind: "argument-modified", arg: exercise.args[i]?.name ?? `argument ${i + 1}`, difference };
  }
  return void 0;
}

// src/grade/blame.ts
function importsSibling(loadedFiles, siblingFile) {
  return loadedFiles ? loadedFiles.includes(siblingFile) : existsSync(siblingFile);
}
var INLINE_NUMBERS = 9;
function describeArg(arg, value) {
  const name = arg.name;
  if (typeof value === "number") return `${name} = ${formatNumber(value)}`;
  if (Array.isArray(value)) {
    const flat = leaves(value);
    if (arg.type === "shape" && flat.every((x) => typeof x === "number")) return `${name} ${formatShape(flat)}`;
    if (flat.length <= INLINE_NUMBERS) return `${name} = ${JSON.stringify(value, (_, x) => typeof x === "number" ? Number(formatNumber(x)) : x)}`;
    return `${name} of shape ${formatShape(shapeOf(value))}`;
  }
  if (typeof value === "object" && value !== null) {
    return `${name} ${JSON.stringify(value)}`;
  }
  return `${name} = ${String(value)}`;
}
function describeCall(sibling, args) {
  return args.map((arg, i) => describeArg(sibling.args[i] ?? { name: `argument ${i + 1}`, type: "number" }, arg)).join(", ");
}
function judgeCall(sibling, call, item, tolerance) {
  if (!item) return void 0;
  if (!item.ok) {
    if (item.thrown?.notImplemented) return "which is not implemented yet";
    if (item.thrown) return `which throws ${item.thrown.name} for ${describeCall(sibling, call.args)}`;
    return void 0;
  }
  const mismatch = checkValue(
    sibling,
    { name: "", args: call.args, expected: call.expected, points: 0, hidden: false, siblingCalls: [], tolerance },
    item.value
  );
  return mismatch ? `which is wrong for ${describeCall(sibling, call.args)} (${renderMismatch(mismatch)})` : void 0;
}
async function blameSiblings(fn, inputs, fileOf, loadedFiles, runSibling) {
  const failed = inputs.filter((input) => input.result.status === "fail" && !input.result.hidden && input.siblingCalls.length > 0);
  const siblings = new Set(failed.flatMap((input) => input.siblingCalls.map((call) => call.function)));
  const found = /* @__PURE__ */ new Map();
  for (const name of siblings) {
    const sibling = exerciseNamed(name);
    if (!importsSibling(loadedFiles, fileOf(sibling))) continue;
    const calls = failed.flatMap((input) => input.siblingCalls.filter((call) => call.function === name).map((call) => ({ input, call })));
    const items = await runSibling(
      sibling,
      calls.map(({ call }) => call.args)
    );
    let first;
    calls.forEach(({ input, call }, k) => {
      if (found.has(input)) return;
      const why = judgeCall(sibling, call, items[k], input.tolerance);
      if (why) found.set(input, `${fn} uses your ${name}, ${why}: fix it first.`);
      first ??= why ? input : void 0;
    });
    if (!first) continue;
    for (const input of failed) {
      if (found.has(input) || !input.siblingCalls.some((call) => call.function === name)) continue;
      found.set(input, `${fn} uses your ${name}, which is wrong (see "${first.result.name}"): fix it first, then check this again.`);
    }
  }
  for (const [input, blame] of found) {
    input.result.message = input.result.message ? `${blame} Here: ${input.result.message}` : blame;
    delete input.result.hint;
    delete input.result.mistake;
  }
}

// src/grade/fingerprint.ts
import { createHash } from "node:crypto";
var OFFSETS = [0.5, 0.3, 0.7, 0.1];
var COARSENESS = 16;
var HASH_CHARS = 12;
function gradedParts(exercise, value) {
  if (exercise.output === "forward") return [Array.isArray(value) ? value[0] : value];
  if (exercise.output === "tuple" && Array.isArray(value)) return value;
  return [value];
}
function gridStep(expected, tolerance) {
  const largest = leaves(expected).reduce((max, x) => typeof x === "number" && Number.isFinite(x) ? Math.max(max, Math.abs(x)) : max, 0);
  const allowed = allowedError(largest, tolerance);
  return allowed > 0 ? 2 ** Math.ceil(Math.log2(COARSENESS * allowed)) : 0;
}
function serialise(value, step, offset, out, edge, booleans, depth = 0) {
  if (Array.isArray(value)) {
    if (depth > 12) {
      out.push("?");
      return;
    }
    out.push(`[${value.length}`);
    for (const item of value) serialise(item, step, offset, out, edge, booleans, depth + 1);
    out.push("]");
  } else if (booleans && (value === true || value === false || value === 0 || value === 1)) {
    out.push(value === true || value === 1 ? "T" : "F");
  } else if (typeof value !== "number") {
    out.push(`?${typeof value}`);
  } else if (!Number.isFinite(value)) {
    out.push(String(value));
  } else if (step === 0) {
    out.push(String(value === 0 ? 0 : value));
  } else {
    const cells = value / step + offset;
    const cell = Math.floor(cells);
    edge.min = Math.min(edge.min, cells - cell, cell + 1 - cells);
    out.push(String(cell));
  }
}
function fingerprintAt(exercise, value, expected, tolerance, offsetIndex) {
  const parts = gradedParts(exercise, value);
  const expectedParts = exercise.output === "tuple" ? expected : [expected];
  const out = [`${exercise.name}:${parts.length}`];
  const edge = { min: 0.5 };
  parts.forEach((part, k) => {
    const step = gridStep(expectedParts[k] ?? expectedParts[0], tolerance);
    serialise(part, step, OFFSETS[offsetIndex], out, edge, exercise.output === "mask", 0);
    out.push("|");
  });
  const hash = createHash("sha256").update(out.join(" ")).digest("hex").slice(0, HASH_CHARS);
  return { key: `${offsetIndex}${hash}`, edge: edge.min };
}
function matchFingerprint(exercise, value, expected, tolerance, fingerprints) {
  const grids = new Set(Object.keys(fingerprints).map((key) => Number(key[0])));
  for (const k of grids) {
    if (!(k in OFFSETS)) continue;
    const { key } = fingerprintAt(exercise, value, expected, tolerance, k);
    if (Object.hasOwn(fingerprints, key)) return fingerprints[key];
  }
  return void 0;
}

// src/grade/diagnose/relations.ts
function near(got, want, scale = 1e-9) {
  if (typeof got === "boolean" || typeof want === "boolean") return (got === true || got === 1) === (want === true || want === 1);
  if (typeof got !== "number" || typeof want !== "number") return false;
  if (Number.isNaN(got) || Number.isNaN(want)) return false;
  return Math.abs(got - want) <= scale * Math.max(1e-300, Math.abs(want), Math.abs(got)) || got === want;
}
function sameTensor(got, want, scale = 1e-9) {
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return false;
    for (let i = 0; i < want.length; i++) if (!sameTensor(got[i], want[i], scale)) return false;
    return true;
  }
  return near(got, want, scale);
}
function roundedDecimals(got, want) {
  if (!sameShape(got, want)) return void 0;
  const x = leaves(got);
  const y = leaves(want);
  if (!y.every((v) => typeof v === "number" && Number.isFinite(v))) return void 0;
  for (let k = 0; k <= 12; k++) {
    const rounded = y.map((v) => Number(v.toFixed(k)));
    if (rounded.every((v, i) => v === y[i])) continue;
    if (rounded.every((v, i) => near(x[i], v, 1e-12))) return k;
  }
  return void 0;
}
function sameShape(got, want) {
  const a = shapeOf(got);
  const b = shapeOf(want);
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
function transposedHW(got, want) {
  const shape = shapeOf(want);
  if (shape.length !== 4 && shape.length !== 2) return false;
  const [hAxis, wAxis] = shape.length === 4 ? [1, 2] : [0, 1];
  const swapped = [...shape];
  [swapped[hAxis], swapped[wAxis]] = [shape[wAxis], shape[hAxis]];
  const gotShape = shapeOf(got);
  if (gotShape.length !== shape.length || !gotShape.every((n, i) => n === swapped[i])) return false;
  let differs = false;
  const index = new Array(shape.length).fill(0);
  const total = shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < total; flat++) {
    let rest = flat;
    for (let k = shape.length - 1; k >= 0; k--) {
      index[k] = rest % shape[k];
      rest = Math.floor(rest / shape[k]);
    }
    const other = [...index];
    [other[hAxis], other[wAxis]] = [index[wAxis], index[hAxis]];
    const value = elementAt(want, index);
    if (!near(elementAt(got, other), value)) return false;
    if (shape[hAxis] === shape[wAxis] && !near(elementAt(want, other), value)) differs = true;
  }
  return differs || shape[hAxis] !== shape[wAxis];
}
function everyExampleIsFirst(got, want) {
  if (!Array.isArray(want) || want.length < 2 || shapeOf(want).length !== 4 || !sameShape(got, want)) return false;
  const first = want[0];
  if (want.every((example) => sameTensor(example, first))) return false;
  return got.every((example) => sameTensor(example, first));
}
function harmfulAliases(exercise, aliases, want) {
  if (!aliases) return false;
  const expectedRoot = exercise.output === "forward" ? [want] : exercise.output === "tuple" ? want : void 0;
  return aliases.some(([later, first]) => {
    if (later.includes(-1) || first.includes(-1)) return false;
    const locate = (path) => expectedRoot ? path.length > 0 ? elementAt(expectedRoot[path[0]], path.slice(1)) : void 0 : elementAt(want, path);
    if (exercise.output === "forward" && (later[0] !== 0 || first[0] !== 0)) return false;
    const a = locate(later);
    const b = locate(first);
    return Array.isArray(a) && Array.isArray(b) && sameShape(a, b) && !sameTensor(a, b, 1e-6);
  });
}
function wrongOnlyAtPadding(got, want, pad, reach) {
  if (pad <= 0 || !sameShape(got, want) || shapeOf(want).length !== 4) return false;
  const [m, nH, nW, nC] = shapeOf(want);
  let edgeWrong = false;
  for (let i = 0; i < m; i++)
    for (let h = 0; h < nH; h++)
      for (let w = 0; w < nW; w++) {
        const edge = reach(h, w, nH, nW);
        for (let c = 0; c < nC; c++) {
          const ok = near(elementAt(got, [i, h, w, c]), elementAt(want, [i, h, w, c]), 1e-7);
          if (!ok && !edge) return false;
          if (!ok) edgeWrong = true;
        }
      }
  return edgeWrong;
}

// src/grade/diagnose/shape-slips.ts
var SLIPS = [
  ["ceil", (n, s) => Math.ceil(n / s) + 1],
  ["roundForSize", (n, s) => Math.round(n / s) + 1],
  ["noPlusOne", (n, s) => Math.floor(n / s)]
];
var same = (a, b) => a.length === b.length && a.every((n, i) => n === b[i]);
function shapeSlips(fn, args, shape) {
  const slips = slipShapes(fn, args);
  if (!slips || shape.length !== 4 || same(shape, slips.expected)) return [];
  return [...new Set(slips.candidates.filter(([, s]) => !same(s, slips.expected) && same(s, shape)).map(([mistake]) => mistake))];
}
function slipChangesShape(fn, args, mistake) {
  const slips = slipShapes(fn, args);
  const forms = slips?.candidates.filter(([m]) => m === mistake) ?? [];
  return forms.length > 0 && forms.every(([, s]) => !same(s, slips.expected));
}
function slipShapes(fn, args) {
  if (fn !== "convForward" && fn !== "poolForward") return void 0;
  const A = args[0];
  const [m, nHPrev, nWPrev] = [A.length, A[0].length, A[0][0].length];
  const conv2 = fn === "convForward";
  const W = conv2 ? args[1] : void 0;
  const hp = conv2 ? args[3] : args[1];
  const f = conv2 ? W.length : hp.f;
  const nC = conv2 ? W[0][0][0].length : A[0][0][0].length;
  const pad = conv2 ? hp.pad : 0;
  const stride = hp.stride;
  const right = (n, s) => Math.floor(n / s) + 1;
  const [hn, wn] = [nHPrev + 2 * pad - f, nWPrev + 2 * pad - f];
  const expected = [m, right(hn, stride), right(wn, stride), nC];
  const candidates = [
    ...SLIPS.map(([mistake, size2]) => [mistake, [m, size2(hn, stride), size2(wn, stride), nC]]),
    ["nHPrevForNH", [m, nHPrev, expected[2], nC]],
    ["nHPrevForNH", [m, nHPrev, nWPrev, nC]],
    ["swappedHW", [m, expected[2], expected[1], nC]]
  ];
  return { expected, candidates };
}

// src/grade/diagnose/texts.ts
var pool = (fn) => fn.startsWith("pool");
var conv = (fn) => fn === "convForward";
var size = (fn) => `nH = Math.floor((nHPrev - f${conv(fn) ? " + 2 * pad" : ""}) / stride) + 1 (nW likewise from nWPrev)`;
var DIAGNOSES = {
  strideForward: {
    what: "leaving the stride out of the slice corners",
    fix: "use vert_start = h * stride and horiz_start = w * stride (then vert_end = vert_start + f)."
  },
  strideBackward: {
    what: "leaving the stride out of the slice corners in the backward pass",
    fix: "the window of output (h, w) starts at vert_start = h * stride, horiz_start = w * stride."
  },
  swappedHW: { what: "swapping nH and nW", fix: "nH comes from nHPrev (axis 1) and nW from nWPrev (axis 2)." },
  nHPrevForNH: { what: "using nHPrev for nH", fix: (fn) => `the output is smaller: ${size(fn)}.` },
  ceil: { what: "Math.ceil in the output size", fix: (fn) => `windows must fit entirely: ${size(fn)}.` },
  roundForSize: { what: "Math.round in the output size", fix: (fn) => `windows must fit entirely, so round down: ${size(fn)}.` },
  noPlusOne: { what: "leaving the + 1 out of the output size", fix: (fn) => `the first window counts too: ${size(fn)}.` },
  hardCodedPad: { what: "a fixed pad", fix: (fn) => `read it from ${fn === "zeroPad" ? "the pad argument" : "hparameters.pad"} instead of writing a number.` },
  padLeftOut: {
    what: (fn) => fn === "zeroPad" ? "returning X without padding" : "leaving the padding out",
    fix: (fn) => fn === "zeroPad" ? "add pad zeros before and after, on the height and the width axes." : "slice windows from zeroPad(APrev, pad), not from APrev."
  },
  paddingValues: {
    what: "padding with something other than zeros",
    fix: (fn) => fn === "zeroPad" ? "the added rows and columns hold 0." : "pad with zeros (zeroPad) and slice every window from the padded input."
  },
  hardCodedStride: { what: "a fixed stride", fix: (fn) => `read it from hparameters.stride instead of writing a number${pool(fn) ? " (f likewise)" : ""}.` },
  hpPositionalPadFirst: {
    what: (fn) => `reading hparameters by position as [${pool(fn) ? "f, stride" : "pad, stride"}]`,
    fix: (fn) => `their key order varies, so read them by name (const { ${pool(fn) ? "f, stride" : "stride, pad"} } = hparameters).`
  },
  hpPositionalStrideFirst: {
    what: (fn) => `reading hparameters by position as [${pool(fn) ? "stride, f" : "stride, pad"}]`,
    fix: (fn) => `their key order varies, so read them by name (const { ${pool(fn) ? "f, stride" : "stride, pad"} } = hparameters).`
  },
  biasInsideSum: {
    what: "adding the bias inside the sum (once per product)",
    fix: (fn) => `sum the products first, then add b${conv(fn) ? "[0][0][0][c]" : "[0][0][0]"} once.`
  },
  biasLeftOut: { what: "leaving the bias out", fix: (fn) => `add b${conv(fn) ? "[0][0][0][c] to channel c" : "[0][0][0]"} once, after the sum.` },
  sameBias: { what: "using one bias for every channel", fix: "channel c adds b[0][0][0][c]." },
  wChannelAxesSwapped: {
    what: "reading W with its channel axes swapped",
    fix: "W has shape (f, f, nCPrev, nC): the filter of output channel c is W[r][s][k][c], k the input channel."
  },
  dzForgotten: { what: "leaving dz out", fix: "each cell is dz / (nH * nW), not 1 / (nH * nW)." },
  dividedBySum: { what: "dividing by nH + nW", fix: "a window has nH * nW cells, so each gets dz / (nH * nW)." },
  averageNotDivided: {
    what: (fn) => fn === "distributeValue" ? "not dividing dz" : fn === "poolForward" ? "the window's sum instead of its mean" : "not dividing in average mode",
    fix: (fn) => fn === "distributeValue" ? "each of the nH * nW cells gets dz / (nH * nW), so that they add up to dz." : fn === "poolForward" ? "divide the sum by f * f." : "each of the f * f cells of a window gets dA / (f * f)."
  },
  assignInsteadOfAdd: {
    what: "'=' instead of '+=' where windows overlap",
    fix: "a cell in several windows gets the sum of their gradients, so add into dAPrev."
  },
  modeIgnored: {
    what: "computing the other mode",
    fix: (fn) => fn === "poolForward" ? "with mode 'average' each output is the mean of its window, with 'max' its maximum." : "with mode 'average' spread each gradient evenly over its window (distributeValue), with 'max' send it to the maximum (the mask)."
  },
  modeNoDefault: {
    what: "a mode with no default",
    fix: `when mode is left out it is 'max': give the parameter a default (mode: PoolMode = "max").`
  },
  maxFromZero: {
    what: "starting the maximum from 0",
    fix: (fn) => `on windows whose values are all negative the maximum is negative: start from -Infinity${fn === "poolForward" ? " (or Math.max(...window))" : " (or the first value)"}.`
  },
  maskOfOneRow: { what: "looking at the first row only", fix: "the mask has the window's shape, and the maximum is over every row." },
  runningMaxMarks: {
    what: "marking each cell that beats the maximum so far",
    fix: "find the window's maximum first, then mark the cells equal to it."
  },
  tieSplit: {
    what: "splitting a window's gradient among its tied maxima",
    fix: "give the whole gradient to all tied cells, or to exactly one of them; do not divide it."
  },
  dbNotSummedOverBatch: { what: "leaving db out of the loop over examples", fix: "db sums dZ over every example i, row and column." },
  roundedShare: { what: "rounding the share (toFixed)", fix: "tiny gradients become 0; keep the exact value." },
  rounded: { what: "rounding the result (toFixed)", fix: "keep the exact number: toFixed is for showing a number, not for computing with it." },
  paddedBatch: { what: "padding the batch axis", fix: "pad axes 1 and 2 (height and width) only; the number of examples stays m." },
  paddedChannels: { what: "padding the channel axis", fix: "pad axes 1 and 2 (height and width) only; the number of channels stays nC." },
  paddedOneSide: { what: "padding one side only", fix: "add pad zeros before and after, on both the height and the width axes." },
  inPlace: {
    what: "writing into an argument",
    fix: "exercises must leave their inputs unchanged; build a new array (or structuredClone the input) and write into that."
  },
  sharedRows: {
    exact: "Rows of your output that should differ are one array object (Array(n).fill(row), or the same row pushed twice)",
    what: "rows that are one array object (Array(n).fill(row), or the same row pushed twice)",
    fix: "writing into one writes into all of them: make a new array for every row (Array.from({ length: n }, () => new Array(k).fill(0)))."
  },
  transposedHW: {
    what: "writing the output with height and width swapped",
    fix: "write the value of window (h, w) at [i][h][w][c]: h indexes axis 1 (height), w axis 2 (width)."
  },
  sameExample: {
    what: "giving every example example 0's output",
    fix: "loop over the examples and use example i's input (APrev[i]) for output i."
  }
};
var BECAUSE = {
  rounded: (decimals) => `your numbers are the expected ones rounded to ${decimals} decimals`,
  transposed: "your output is the expected one transposed on height and width",
  firstExample: "every example of your output is the expected output of example 0",
  edges: "your output is right where the windows stay inside the input, and wrong where they reach the padding",
  border: "your output holds X where it should, and something else than zeros around it",
  modeLeftOut: "only the cases that leave mode out fail",
  ties: "only the cases with tied maxima fail",
  allNegative: "only the cases with all-negative windows fail",
  exactZeros: "only the cases with exact zeros fail"
};
var DIAGNOSABLE = Object.keys(DIAGNOSES);
var render = (text, fn) => typeof text === "string" ? text : text(fn);
function diagnosisHint(mistake, fn, evidence) {
  const text = DIAGNOSES[mistake];
  if (!text) return void 0;
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

// src/grade/diagnose/evidence.ts
function closeTo(got, want, tolerance) {
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return false;
    for (let i = 0; i < want.length; i++) if (!closeTo(got[i], want[i], tolerance)) return false;
    return true;
  }
  if (typeof want === "boolean" || typeof got === "boolean") return (got === true || got === 1) === (want === true || want === 1);
  if (typeof got !== "number" || typeof want !== "number" || !Number.isFinite(want)) return false;
  return Math.abs(got - want) <= (tolerance.atol + tolerance.rtol * Math.abs(want)) / 10;
}
function overlapAgrees(got, want, tolerance) {
  if (!Array.isArray(want)) return closeTo(got, want, tolerance);
  if (!Array.isArray(got)) return false;
  const n = Math.min(got.length, want.length);
  for (let i = 0; i < n; i++) if (!overlapAgrees(got[i], want[i], tolerance)) return false;
  return n > 0;
}
function paddingReach(exercise, args) {
  if (exercise.name === "zeroPad") {
    const pad2 = args[1];
    return { pad: pad2, reach: (h, w, nH, nW) => h < pad2 || w < pad2 || h >= nH - pad2 || w >= nW - pad2 };
  }
  if (exercise.name !== "convForward") return void 0;
  const A = args[0];
  const f = args[1].length;
  const { pad, stride } = args[3];
  const [nHPrev, nWPrev] = [A[0].length, A[0][0].length];
  const inside = (start, n) => start >= pad && start + f <= n + pad;
  return { pad, reach: (h, w) => !inside(h * stride, nHPrev) || !inside(w * stride, nWPrev) };
}
function gradedValue(exercise, value) {
  return exercise.output === "forward" && Array.isArray(value) && value.length === 2 ? value[0] : value;
}
function caseEvidence(exercise, o) {
  const candidates = /* @__PURE__ */ new Set();
  const kinds = /* @__PURE__ */ new Map();
  const add = (mistake, evidence) => {
    if (candidates.has(mistake)) return;
    candidates.add(mistake);
    kinds.set(mistake, evidence);
  };
  if (o.result.mistake === "inPlace") return { independent: "inPlace", candidates, kinds };
  if (o.result.status !== "fail" || o.value === void 0 || isWireTag(o.value)) return { candidates, kinds };
  const { testCase } = o;
  const expected = testCase.expected;
  if (harmfulAliases(exercise, o.aliases, expected)) return { independent: "sharedRows", candidates, kinds };
  const got = gradedValue(exercise, o.value);
  const exact = exactMistakes(exercise, o);
  for (const mistake of exact) add(mistake, { kind: "exact" });
  const shape = shapeOf(got);
  const expectedShape = shapeOf(expected);
  const resized = shape.length === expectedShape.length && shape.some((n, i) => n !== expectedShape[i]);
  const slips = resized && overlapAgrees(got, expected, testCase.tolerance) ? shapeSlips(exercise.name, testCase.args, shape) : [];
  if (candidates.size > 0) {
    for (const mistake of slips) add(mistake, { kind: "shape" });
    return { candidates, kinds };
  }
  const decimals = roundedDecimals(got, expected);
  if (decimals !== void 0) {
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
function exactMistakes(exercise, o) {
  const found = /* @__PURE__ */ new Set();
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

// src/grade/diagnose/diagnose.ts
var BY_FAILURES = {
  modeNoDefault: BECAUSE.modeLeftOut,
  tieSplit: BECAUSE.ties,
  maxFromZero: BECAUSE.allNegative,
  zerosDropped: BECAUSE.exactZeros
};
var isFailed = (o) => o.result.status !== "pass";
var known = (o) => o.result.status !== "timeout" && !o.result.message?.startsWith("not run:");
function passesWhatSlipFails(exercise, observations, mistake) {
  return observations.some((o) => !isFailed(o) && slipChangesShape(exercise.name, o.testCase.args, mistake));
}
function failuresFit(observations, mistake) {
  const listed = observations.some((o) => o.testCase.failedBy?.includes(mistake));
  if (!listed) return true;
  return observations.filter((o) => isFailed(o) && known(o)).every((o) => o.testCase.failedBy?.includes(mistake));
}
function byFailures(observations) {
  const failed = observations.filter(isFailed);
  if (failed.length === 0 || failed.length === observations.length || !observations.every(known)) return void 0;
  return onlyOne(Object.keys(BY_FAILURES).filter((mistake) => failuresEqual(observations, mistake)));
}
function failuresEqual(observations, mistake) {
  return observations.filter(known).every((o) => isFailed(o) === (o.testCase.failedBy?.includes(mistake) ?? false));
}
var onlyOne = (list) => list.length === 1 ? list[0] : void 0;
function hintFor(exercise, testCase, mistake, evidence) {
  const fixtureText = evidence.kind === "exact" ? testCase.mistakeHints?.[mistake] : void 0;
  return fixtureText ?? diagnosisHint(mistake, exercise.name, evidence);
}
function diagnose(exercise, observations) {
  const out = /* @__PURE__ */ new Map();
  const evidence = observations.map((o) => isFailed(o) ? caseEvidence(exercise, o) : void 0);
  const give = (index, mistake2, kind) => {
    const hint = hintFor(exercise, observations[index].testCase, mistake2, kind);
    if (hint) out.set(index, { hint, mistake: mistake2 });
  };
  evidence.forEach((e, k) => {
    if (e?.independent) give(k, e.independent, { kind: "exact" });
  });
  const withEvidence = evidence.flatMap((e, k) => e && !e.independent && e.candidates.size > 0 ? [{ e, k }] : []);
  const failed = observations.filter((o) => isFailed(o) && known(o)).length;
  const wrong = observations.filter((o) => o.result.status === "fail").length;
  const fitting = intersect(withEvidence.map(({ e }) => e)).filter(
    (mistake2) => !passesWhatSlipFails(exercise, observations, mistake2) && (withEvidence.length === failed || 2 * withEvidence.length >= wrong && failuresFit(observations, mistake2))
  );
  const named = fitting.length === 1 ? fitting[0] : onlyOne(fitting.filter((mistake2) => failuresEqual(observations, mistake2)));
  if (named !== void 0) {
    for (const { e, k } of withEvidence) give(k, named, e.kinds.get(named) ?? { kind: "exact" });
    return out;
  }
  if (withEvidence.length > 0 || out.size > 0) return out;
  const mistake = byFailures(observations);
  if (mistake) {
    observations.forEach((o, k) => {
      if (isFailed(o) && o.result.status === "fail") give(k, mistake, { kind: "looks-like", because: BY_FAILURES[mistake] });
    });
  }
  return out;
}
function intersect(list) {
  if (list.length === 0) return [];
  return [...list[0].candidates].filter((mistake) => list.every((e) => e.candidates.has(mistake)));
}

// src/grade/gradient-check.ts
function gradientTargets(exercise) {
  const wrt = exercise.gradientCheck?.wrt ?? [];
  const alone = exercise.output !== "tuple";
  return wrt.map((arg, k) => ({ arg, gradient: exercise.outputs[k].name, axes: exercise.outputs[k].axes, output: alone ? -1 : k }));
}
function backwardArgs(exercise, args, upstream) {
  if (!exercise.gradientCheck) throw new Error(`${exercise.name} has no gradient check`);
  const cached = exerciseNamed(exercise.gradientCheck.forward).cacheArgs?.length ?? 0;
  return [upstream, args.slice(0, cached), ...args.slice(cached)];
}
function relativeError(analytic, numeric) {
  let difference = 0;
  let analyticNorm = 0;
  let numericNorm = 0;
  let worst;
  let worstGap = -1;
  walkPair(
    analytic,
    numeric,
    (a, n, index) => {
      const x = a;
      const y = n;
      difference += (x - y) ** 2;
      analyticNorm += x ** 2;
      numericNorm += y ** 2;
      if (Math.abs(x - y) > worstGap) {
        worstGap = Math.abs(x - y);
        worst = { index: [...index], analytic: x, numeric: y };
      }
      return void 0;
    },
    () => void 0
  );
  const denominator = Math.sqrt(analyticNorm) + Math.sqrt(numericNorm);
  const error = numericNorm === 0 ? Number.NaN : Math.sqrt(difference) / denominator;
  return { error, numericNorm: Math.sqrt(numericNorm), worst };
}
function judgeGradients(targets, returned, numeric, threshold) {
  let worstError = 0;
  let mismatch;
  for (let k = 0; k < targets.length; k++) {
    const target = targets[k];
    const gradient = target.output < 0 ? returned : Array.isArray(returned) ? returned[target.output] : void 0;
    const shapeProblem = compareTensor(gradient, numeric[k], { name: target.gradient, tolerance: { rtol: Infinity, atol: Infinity }, axes: target.axes });
    if (shapeProblem) return { passed: false, relativeError: Number.NaN, mismatch: shapeProblem };
    const { error, worst } = relativeError(gradient, numeric[k]);
    if (Number.isNaN(error)) return { passed: false, relativeError: error, mismatch: { kind: "gradient-reference-zero", gradient: target.gradient } };
    if (error > threshold && error > worstError && worst) {
      worstError = error;
      const allZero = leaves(gradient).every((x) => x === 0);
      mismatch = { kind: "gradient-error", gradient: target.gradient, error, threshold, allZero, ...worst };
    }
    worstError = Math.max(worstError, error);
  }
  return mismatch ? { passed: false, relativeError: worstError, mismatch } : { passed: true, relativeError: worstError };
}

// src/grade/hints.ts
var IN_PLACE_MISTAKE = "inPlace";
function fingerprintOf(exercise, testCase, failed) {
  const { mismatch, stats } = failed;
  if (mismatch.kind === "argument-modified" || mismatch.kind === "cache-changed" && failed.argumentsModified)
    return { mistake: IN_PLACE_MISTAKE, nearMiss: false };
  if (testCase.fingerprints) {
    const matched = matchFingerprint(exercise, failed.value, testCase.expected, testCase.tolerance, testCase.fingerprints);
    if (matched) return { mistake: matched, nearMiss: false };
  }
  const near2 = testCase.nearMiss;
  if (near2 && stats && stats.ratio > 1 && stats.ratio <= near2.ratio) return { mistake: near2.mistake, nearMiss: true };
  return void 0;
}
function mistakeOf(exercise, testCase, failed) {
  return fingerprintOf(exercise, testCase, failed)?.mistake;
}
function chooseHint(exercise, testCase, failed) {
  if (!hintHelps(failed.mismatch)) return {};
  const mistake = mistakeOf(exercise, testCase, failed);
  const text = mistake === void 0 ? void 0 : testCase.mistakeHints?.[mistake];
  if (mistake !== void 0 && text !== void 0) return { hint: text, mistake };
  return testCase.hint ? { hint: testCase.hint } : {};
}

// src/grade/location.ts
import { relative as relative2 } from "node:path";
var FRAME = /\(?((?:\/|[A-Za-z]:\\)[^():\n]+):(\d+):(\d+)\)?/;
function learnerFrame(stack, sources, cwd = process.cwd()) {
  if (!stack) return void 0;
  for (const line of stack.split("\n").slice(0, 200)) {
    if (line.length > 1e3 || !/^\s+at /.test(line)) continue;
    const match = FRAME.exec(line);
    if (!match || !sources.has(match[1])) continue;
    return locationIn(sources, match[1], Number(match[2]), void 0, cwd);
  }
  return void 0;
}
function locationIn(sources, path, line, column, cwd = process.cwd()) {
  const source = sources.get(path);
  if (source === void 0 || line === void 0) return void 0;
  const lines = source.split("\n");
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return void 0;
  const col = column !== void 0 && Number.isInteger(column) && column >= 1 && column <= 1e4 ? column : void 0;
  const location = { file: relative2(cwd, path), line, ...col !== void 0 ? { column: col } : {} };
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const out = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? "").replace(/\r$/, "").replace(/\t/g, "  ").slice(0, 160);
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${text}`);
    if (n === line && col !== void 0) out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.min(col - 1, 160))}^`);
  }
  return { ...location, frame: out.join("\n") };
}
function formatLocation(location) {
  return `${location.file}:${location.line}${location.column !== void 0 ? `:${location.column}` : ""}`;
}

// src/grade/grade-function.ts
function failureProblem(failure, ctx, doing) {
  switch (failure.kind) {
    case "timeout":
      if (failure.budgetMs !== void 0) {
        return {
          status: "timeout",
          message: `${doing} used up the time its cases may take together (${FUNCTION_BUDGET_FACTOR} \xD7 ${failure.ms} ms + ${FUNCTION_BUDGET_SLACK_MS / 1e3} s): is every call slow?`,
          fatal: true
        };
      }
      return { status: "timeout", message: `${doing} did not finish within ${failure.ms} ms (an endless loop?)`, fatal: true };
    case "out-of-memory":
      return {
        status: "error",
        message: `ran out of memory while ${doing} (the sandbox's limit is ${ctx.memoryMb} MiB): a huge array, or allocation without end?`,
        fatal: true
      };
    case "crashed": {
      const how = failure.signal ? `was killed by ${failure.signal}` : `exited with code ${failure.code}`;
      return { status: "error", message: `the sandbox process ${how} while ${doing}`, fatal: true };
    }
    case "protocol":
      return { status: "error", message: failure.message, fatal: true };
    case "start":
      throw new HarnessError("SANDBOX", `the sandbox could not start: ${failure.message}`);
  }
}
function thrownProblem(thrown, ctx) {
  if (thrown.notImplemented) return { status: "error", message: "not implemented yet", notImplemented: true, fatal: false };
  const location = learnerFrame(thrown.stack, ctx.sources, ctx.cwd);
  const where = location ? ` (at ${formatLocation(location)})` : "";
  return { status: "error", message: `threw ${thrown.name}: ${thrown.message}${where}`, location, fatal: false };
}
function loadProblem(failure, ctx, own) {
  const problem = describeLoadFailure(failure, ctx);
  if (own && failure.file !== own && !problem.notImplemented) {
    problem.message = `${relative3(ctx.cwd, own)} imports ${relative3(ctx.cwd, failure.file)}, which cannot be loaded: ${problem.message}`;
  }
  return problem;
}
function describeLoadFailure(failure, ctx) {
  const file = relative3(ctx.cwd, failure.file);
  switch (failure.kind) {
    case "missing-file":
      return { status: "error", message: `${file} not found`, fatal: false };
    case "syntax": {
      const location = locationIn(ctx.sources, failure.file, failure.line, failure.column, ctx.cwd);
      return { status: "error", message: `syntax error in ${location ? formatLocation(location) : file}: ${failure.message}`, location, fatal: false };
    }
    case "threw": {
      if (failure.thrown.notImplemented) return { status: "error", message: "not implemented yet", notImplemented: true, fatal: false };
      const location = learnerFrame(failure.thrown.stack, ctx.sources, ctx.cwd);
      return {
        status: "error",
        message: `${file} threw while loading: ${failure.thrown.name}: ${failure.thrown.message}${location ? ` (at ${formatLocation(location)})` : ""}`,
        location,
        fatal: false
      };
    }
    case "bad-import":
      return { status: "error", message: `${file}: ${failure.message}`, fatal: false };
    case "unusable":
      return { status: "error", message: `${file} cannot be loaded: ${failure.message}`, fatal: false };
    case "missing-export": {
      const has = failure.exports.length ? `it exports ${failure.exports.map((name) => `"${name}"`).join(", ")}` : "it exports nothing";
      const near2 = failure.exports.find((name) => name.toLowerCase() === failure.exportName.toLowerCase() || name === "default");
      const hint = near2 ? `; rename "${near2}" to "${failure.exportName}" and export it by name` : "";
      return { status: "error", message: `${file} has no export named "${failure.exportName}": ${has}${hint}`, fatal: false };
    }
  }
}
function caseResult(c, problem, extras = {}) {
  const shown = c.hidden ? {} : extras;
  if (!problem) return { name: c.name, status: "pass", points: c.points, maxPoints: c.points, hidden: c.hidden, ...shown };
  const result = { name: c.name, status: c.hidden ? "fail" : problem.status, points: 0, maxPoints: c.points, hidden: c.hidden, ...shown };
  if (!c.hidden) {
    if (problem.status === "fail") {
      result.message = renderMismatch(problem.mismatch) + (problem.sentence ? "." : "");
      const chosen = problem.chosen ?? (c.hint && hintHelps(problem.mismatch) ? { hint: c.hint } : {});
      if (chosen.hint) result.hint = chosen.hint;
      if (chosen.mistake) result.mistake = chosen.mistake;
      const slice = "slice" in problem.mismatch ? problem.mismatch.slice : void 0;
      if (slice) result.diff = slice;
    } else {
      result.message = problem.message;
      if (problem.location) result.location = problem.location;
    }
  }
  if (problem.status !== "fail" && problem.notImplemented) result.notImplemented = true;
  return result;
}
async function callMany(ctx, exercise, argsList, options) {
  const items = [];
  options.onNext?.(0);
  const sandbox = options.hidden ? ctx.hiddenSandbox : ctx.sandbox;
  const used = ctx.used;
  const kind = options.hidden ? "hidden" : "shown";
  const budgetMs = FUNCTION_BUDGET_FACTOR * ctx.timeoutMs + FUNCTION_BUDGET_SLACK_MS - used[kind];
  if (budgetMs <= 0) return { items, failure: { kind: "timeout", ms: ctx.timeoutMs, budgetMs: 0 } };
  const began = performance.now();
  const outcome = await sandbox.request(
    {
      type: "call",
      id: 0,
      realm: options.realm,
      file: join2(ctx.dir, exercise.file),
      exportName: exercise.name,
      argsList,
      returnArgs: options.returnArgs,
      stopOnThrow: options.stopOnThrow,
      pick: options.pick
    },
    ctx.timeoutMs,
    {
      perItem: options.perItem,
      count: argsList.length,
      budgetMs,
      onItem: (item) => {
        items.push(item);
        if (items.length < argsList.length) options.onNext?.(items.length);
      }
    }
  );
  used[kind] += Math.min(outcome.ms ?? 0, performance.now() - began);
  return outcome.ok ? { items } : { items, failure: outcome.failure };
}
function itemProblem(item, ctx) {
  if (item.ok) return void 0;
  if (item.thrown) return thrownProblem(item.thrown, ctx);
  if (item.failure) return loadProblem(item.failure, ctx);
  return { status: "error", message: "the sandbox reported a failure without details", fatal: true };
}
function judgeCase(ctx, exercise, testCase, item, seen = {}) {
  const problem = itemProblem(item, ctx);
  if (problem || !item.ok) return caseResult(testCase, problem);
  seen.value = item.value;
  if (item.aliases) seen.aliases = item.aliases;
  const value = item.value;
  if (isWireTag(value) && value.$wire === "promise") return caseResult(testCase, { status: "fail", mismatch: { kind: "promise", function: exercise.name } });
  const stats = { largestError: 0, ratio: 0 };
  const wrongValue = checkValue(exercise, testCase, value, stats);
  const modified = checkArgumentsUnchanged(exercise, testCase.args, item.args);
  const mismatch = wrongValue ?? modified;
  const numeric = exercise.output !== "mask" && (!wrongValue || wrongValue.kind === "values" || wrongValue.kind === "scalar-value");
  const extras = numeric ? { tolerance: { ...testCase.tolerance, ...stats } } : {};
  if (!mismatch) return caseResult(testCase, void 0, extras);
  const failed = { mismatch, value, stats: numeric ? stats : void 0, argumentsModified: !!modified };
  const chosen = testCase.hidden ? {} : chooseHint(exercise, testCase, failed);
  const fingerprint = testCase.hidden || !hintHelps(mismatch) ? void 0 : fingerprintOf(exercise, testCase, failed);
  if (fingerprint) seen.fingerprint = fingerprint;
  return caseResult(testCase, { status: "fail", mismatch, chosen }, extras);
}
function notRun(c, exercise, fatal) {
  const allTimeouts = fatal.every((problem) => problem.status === "timeout");
  const what = allTimeouts ? "timed out" : "timed out or crashed the sandbox";
  return skipped(c, allTimeouts ? "timeout" : "error", `not run: ${fatal.length} earlier cases of ${exercise.name} ${what}`);
}
async function runCases(ctx, exercise, cases) {
  const fatal = { shown: [], hidden: [] };
  const results = new Array(cases.length);
  const seen = cases.map(() => ({}));
  for (const hidden of [false, true]) {
    const indices = cases.map((c, index) => c.hidden === hidden ? index : -1).filter((index) => index >= 0);
    if (indices.length === 0) continue;
    const group = await runGroup(
      ctx,
      exercise,
      indices.map((index) => cases[index]),
      hidden,
      hidden ? fatal.hidden : fatal.shown,
      // Nothing of a hidden case's output is kept: it is never diagnosed.
      hidden ? void 0 : indices.map((index) => seen[index])
    );
    for (const [k, result] of group.entries()) results[indices[k]] = result;
  }
  return { results, fatal, seen };
}
async function runGroup(ctx, exercise, cases, hidden, fatal, seen) {
  const results = [];
  while (results.length < cases.length) {
    if (fatal.length >= MAX_FATAL_PER_FUNCTION) {
      for (const c of cases.slice(results.length)) results.push(notRun(c, exercise, fatal));
      break;
    }
    const start = results.length;
    const batch = cases.slice(start);
    const { items, failure } = await callMany(
      ctx,
      exercise,
      batch.map((c) => c.args),
      {
        realm: exercise.name,
        returnArgs: true,
        stopOnThrow: false,
        perItem: true,
        hidden,
        onNext: () => ctx.setHidden(hidden)
      }
    );
    for (const [k, item] of items.entries()) results.push(judgeCase(ctx, exercise, batch[k], item, seen?.[start + k]));
    if (results.length === cases.length) break;
    const current = cases[results.length];
    if (failure) {
      const problem = failureProblem(failure, ctx, `running ${exercise.name}`);
      results.push(caseResult(current, problem));
      fatal.push(problem);
    } else {
      const last = items[items.length - 1];
      const problem = (last && itemProblem(last, ctx)) ?? { status: "error", message: "the sandbox stopped answering", fatal: true };
      for (const c of cases.slice(results.length)) results.push(caseResult(c, problem));
    }
  }
  return results;
}
async function runGradientCheck(ctx, exercise, check2) {
  if (!exercise.gradientCheck) return { result: caseResult(check2, { status: "error", message: `${exercise.name} has no gradient check`, fatal: false }) };
  const run = await callMany(ctx, exercise, [backwardArgs(exercise, check2.args, check2.upstream)], {
    realm: exercise.name,
    returnArgs: false,
    stopOnThrow: true,
    perItem: false,
    hidden: check2.hidden
  });
  const item = run.items[0];
  const problem = run.failure ? failureProblem(run.failure, ctx, `running ${exercise.name}`) : item ? itemProblem(item, ctx) : { status: "error", message: "the sandbox stopped answering", fatal: true };
  if (problem || !item?.ok) return { result: caseResult(check2, problem), fatal: problem?.fatal ? problem : void 0 };
  const verdict = judgeGradients(gradientTargets(exercise), item.value, check2.numericGradients, check2.threshold);
  return { result: caseResult(check2, verdict.mismatch ? { status: "fail", mismatch: verdict.mismatch, sentence: true } : void 0) };
}
function loadedFilesOf(loaded) {
  if (!loaded.ok) return void 0;
  const files = loaded.response.files;
  return Array.isArray(files) && files.every((file) => typeof file === "string") ? files : void 0;
}
function skipped(c, status, message) {
  return { name: c.name, status: c.hidden ? "fail" : status, points: 0, maxPoints: c.points, hidden: c.hidden, ...c.hidden ? {} : { message } };
}
function statusOf(cases, score, maxScore) {
  if (score === maxScore) return "pass";
  if (cases.length > 0 && cases.every((c) => c.notImplemented)) return "not-implemented";
  return "fail";
}
function applyDiagnosis(exercise, fixtureCases, results, seen) {
  const visible = fixtureCases.flatMap((testCase, k) => testCase.hidden ? [] : [{ k, observation: { testCase, result: results[k], ...seen[k] } }]);
  const diagnosis = diagnose(
    exercise,
    visible.map((v) => v.observation)
  );
  visible.forEach(({ k, observation }, index) => {
    const result = results[k];
    const named = diagnosis.get(index);
    if (named) {
      result.hint = named.hint;
      result.mistake = named.mistake;
    } else if (result.mistake !== void 0) {
      delete result.mistake;
      if (observation.testCase.hint) result.hint = observation.testCase.hint;
      else delete result.hint;
    }
  });
}
async function gradeFunction(ctx, fixture) {
  const exercise = fixture.exercise;
  const file = join2(ctx.dir, exercise.file);
  const base = { name: exercise.name, snakeName: exercise.snakeName, file: relative3(ctx.cwd, file) };
  const maxScore = [...fixture.cases, ...fixture.gradientChecks].reduce((sum, c) => sum + c.points, 0);
  ctx.setHidden(false);
  const loaded = await ctx.sandbox.request({ type: "load", id: 0, realm: exercise.name, file, exportName: exercise.name }, ctx.timeoutMs);
  ctx.used.shown += loaded.ms ?? 0;
  let loadFailure;
  if (!loaded.ok) loadFailure = failureProblem(loaded.failure, ctx, `loading ${base.file}`);
  else if (loaded.response.type !== "loaded") loadFailure = { status: "error", message: "the sandbox answered out of turn", fatal: true };
  else if (!loaded.response.ok) loadFailure = loadProblem(loaded.response.failure, ctx, file);
  if (loadFailure) {
    const status = loadFailure.notImplemented ? "not-implemented" : "error";
    const note = loadFailure.notImplemented ? "not implemented yet" : `not run: ${base.file} could not be loaded`;
    return {
      ...base,
      loadedFiles: [],
      status,
      score: 0,
      maxScore,
      message: loadFailure.message,
      location: loadFailure.location,
      cases: fixture.cases.map((c) => skipped(c, "error", note)),
      gradientChecks: fixture.gradientChecks.map((c) => skipped(c, "error", note))
    };
  }
  const ran = await runCases(ctx, exercise, fixture.cases);
  const cases = ran.results;
  const fatal = ran.fatal;
  applyDiagnosis(exercise, fixture.cases, cases, ran.seen);
  const gradientChecks = [];
  const allNotImplemented = cases.length > 0 && cases.every((c) => c.notImplemented);
  for (const check2 of fixture.gradientChecks) {
    if (allNotImplemented) {
      gradientChecks.push({ ...skipped(check2, "error", "not implemented yet"), notImplemented: true });
      continue;
    }
    const counted = check2.hidden ? fatal.hidden : fatal.shown;
    if (counted.length >= MAX_FATAL_PER_FUNCTION) {
      gradientChecks.push(notRun(check2, exercise, counted));
      continue;
    }
    ctx.setHidden(check2.hidden);
    const { result, fatal: problem } = await runGradientCheck(ctx, exercise, check2);
    if (problem) counted.push(problem);
    gradientChecks.push(result);
  }
  ctx.setHidden(false);
  const all = [...cases, ...gradientChecks];
  const score = all.reduce((sum, c) => sum + c.points, 0);
  if (score < maxScore && fatal.shown.length < MAX_FATAL_PER_FUNCTION) {
    const inputs = [
      ...fixture.cases.map((c, k) => ({ result: cases[k], siblingCalls: c.siblingCalls, tolerance: c.tolerance })),
      ...fixture.gradientChecks.map((c, k) => ({ result: gradientChecks[k], siblingCalls: c.siblingCalls, tolerance: DEFAULT_TOLERANCE }))
    ].filter((input) => input.result !== void 0);
    await blameSiblings(
      exercise.name,
      inputs,
      (sibling) => join2(ctx.dir, sibling.file),
      loadedFilesOf(loaded),
      async (sibling, argsList) => {
        const run = await callMany(ctx, sibling, argsList, { realm: exercise.name, returnArgs: false, stopOnThrow: false, perItem: true, hidden: false });
        return run.items;
      }
    );
  }
  return { ...base, loadedFiles: loadedFilesOf(loaded) ?? [], status: statusOf(all, score, maxScore), score, maxScore, cases, gradientChecks };
}

// src/sandbox/sandbox-set.ts
import { availableParallelism } from "node:os";

// src/sandbox/gate.ts
var VisibilityGate = class {
  /** closeAll(kind): kill every process of that kind, settling once they have exited. */
  constructor(closeAll) {
    this.closeAll = closeAll;
  }
  closeAll;
  kind;
  active = 0;
  waiting = [];
  switching;
  /** how many times the gate switched, for tests and the bench */
  switches = 0;
  /**
   * Whether a process of `kind` may be started now, outside any request (a spare started ahead).
   * Claims the kind when none is set, so the other kind's first request switches, killing it.
   */
  mayStart(kind) {
    if (this.switching) return false;
    if (this.kind === void 0 && this.active === 0) this.kind = kind;
    return this.kind === kind;
  }
  /** Waits until requests of `kind` may run; returns the function that ends this one. */
  async enter(kind) {
    for (; ; ) {
      if (this.switching) await this.switching;
      else if (this.kind === void 0 || this.kind === kind) break;
      else if (this.active > 0) await new Promise((resolve2) => this.waiting.push(resolve2));
      else {
        const old = this.kind;
        this.switches++;
        this.switching = Promise.resolve(this.closeAll(old)).then(() => {
          this.switching = void 0;
          this.kind = kind;
        });
      }
    }
    this.kind = kind;
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      if (this.active === 0) for (const resolve2 of this.waiting.splice(0)) resolve2();
    };
  }
};

// src/sandbox/sandbox-set.ts
var SandboxSet = class {
  /**
   * `spareCount`: how many spares of a kind to keep warm (one per job). `early`: shown sandboxes
   * already starting (the CLI starts them before it has even loaded), used as the first spares.
   */
  constructor(options, spareCount, early = []) {
    this.options = options;
    this.spareCount = spareCount;
    this.gate = new VisibilityGate((kind) => this.closeKind(kind));
    const earlyZygote = early.find((sandbox) => sandbox.zygote)?.zygote;
    if (earlyZygote && this.gate.mayStart("shown")) this.holdZygote("shown", earlyZygote);
    if (early.length > 0 && this.gate.mayStart("shown")) this.spares.shown.push(...early.map((sandbox) => this.adopt("shown", sandbox)));
  }
  options;
  spareCount;
  gate;
  /** every sandbox handed out or kept spare, by kind, until it is closed */
  live = { shown: /* @__PURE__ */ new Set(), hidden: /* @__PURE__ */ new Set() };
  /** released (killed), not yet known to have exited */
  closing = { shown: /* @__PURE__ */ new Set(), hidden: /* @__PURE__ */ new Set() };
  /** started, never used: the next take() of that kind gets one */
  spares = { shown: [], hidden: [] };
  closed = false;
  init;
  /** processes started, for the report and the bench */
  started = 0;
  /** shown sandboxes still to be taken, once the run knows (plan()): no spare is started beyond them */
  remaining;
  /**
   * Spares starting at once, at most: one per core. Fewer leave a core idle (a start is mostly CPU, and
   * spares started one at a time were most of a check's time); more would not start sooner, and would
   * take more CPU from the learner code running meanwhile, whose time limits are wall-clock.
   */
  maxStarting = Math.max(1, availableParallelism());
  /** the kernel's walls the sandboxes got (the weakest, should they differ) */
  isolation;
  /**
   * The fork server new sandboxes of a kind come from (zygote.ts): one trust domain each, so the gate
   * kills a kind's zygotes with its processes, and the next of that kind gets a fresh one.
   */
  zygotes = { shown: void 0, hidden: void 0 };
  /** every zygote of a kind not yet closed, those replaced once their slots ran out included */
  zygotesOf = { shown: /* @__PURE__ */ new Set(), hidden: /* @__PURE__ */ new Set() };
  /** a zygote failed to start here: the rest of the run spawns its processes */
  noForkServer = false;
  holdZygote(kind, zygote) {
    zygote.retain();
    this.zygotes[kind] = zygote;
    this.zygotesOf[kind].add(zygote);
  }
  /** The zygote a new sandbox of this kind forks from: the kind's current one, or a new one once that one is spent. */
  zygoteFor(kind) {
    const current = this.zygotes[kind];
    if (current?.usable) return current;
    if (current) {
      if (current.broken && !current.isReady) this.noForkServer = true;
      this.zygotes[kind] = void 0;
      current.release();
    }
    if (this.noForkServer || this.closed) return void 0;
    const zygote = startZygote(this.options);
    if (!zygote) {
      this.noForkServer = true;
      return void 0;
    }
    this.holdZygote(kind, zygote);
    void zygote.exited.then(() => this.zygotesOf[kind].delete(zygote));
    return zygote;
  }
  /** The transpiled submission, for every sandbox of the set, those to come included. */
  setFiles(init) {
    this.init = init;
    for (const kind of ["shown", "hidden"]) for (const sandbox of this.live[kind]) sandbox.setFiles(init);
  }
  /** Keeps no spare from now on (hidden cases will come: each switch would kill them unused). */
  noSpares() {
    this.spareCount = 0;
    for (const spare of this.spares.shown.splice(0)) void this.release(spare);
  }
  /**
   * The run will take `count` shown sandboxes in all: each is started now, ahead of its use, so that
   * their start-ups overlap each other and the grading (at most `ahead` at a time).
   */
  plan(count, ahead) {
    this.remaining = count;
    if (this.spareCount > 0) this.spareCount = Math.max(this.spareCount, ahead);
    for (const spare of this.spares.shown.splice(count)) void this.release(spare);
    this.fillSpares("shown");
  }
  /** A fresh sandbox for one function's cases of one kind, used for nothing else. */
  take(kind) {
    if (kind === "shown" && this.remaining !== void 0) this.remaining = Math.max(0, this.remaining - 1);
    const sandbox = this.spares[kind].shift() ?? this.adopt(kind, new Sandbox(this.options));
    this.fillSpares(kind);
    return sandbox;
  }
  /**
   * Starts spares of this kind now, when that kind may be alive (the gate lets only one kind live at a
   * time). Only shown ones: hidden cases come between shown ones, and each switch kills the spares.
   */
  fillSpares(kind) {
    if (this.closed || kind !== "shown" || !this.gate.mayStart(kind)) return;
    const wanted = Math.min(this.spareCount, this.remaining ?? this.spareCount);
    while (this.spares[kind].length < wanted) this.spares[kind].push(this.adopt(kind, new Sandbox(this.options)));
    this.startSpares();
  }
  /** Starts spares in the order they will be taken, a few at a time (maxStarting); each start that settles makes room for the next. */
  startSpares() {
    if (this.closed) return;
    let starting = this.spares.shown.filter((spare) => spare.starting).length;
    for (const spare of this.spares.shown) {
      if (starting >= this.maxStarting) return;
      if (spare.started) continue;
      spare.warmUp();
      starting++;
    }
  }
  adopt(kind, sandbox) {
    sandbox.useGate(this.gate, kind);
    if (!sandbox.started && sameSandboxOptions(sandbox.options, this.options)) sandbox.useZygote(this.zygoteFor(kind));
    sandbox.onSettled = () => this.startSpares();
    sandbox.onStart = (isolation2) => {
      this.started++;
      if (!this.isolation || rank(isolation2) < rank(this.isolation)) this.isolation = isolation2;
    };
    if (sandbox.lastIsolation) sandbox.onStart(sandbox.lastIsolation);
    if (this.init) sandbox.setFiles(this.init);
    this.live[kind].add(sandbox);
    return sandbox;
  }
  /**
   * Kills a sandbox handed out by take(), once its function is graded. The kill is sent at once; the
   * wait for the process to be gone is the gate's and close()'s, not the next function's.
   */
  release(sandbox) {
    for (const kind of ["shown", "hidden"]) {
      if (!this.live[kind].delete(sandbox)) continue;
      const exited = sandbox.close();
      this.closing[kind].add(exited);
      void exited.then(() => this.closing[kind].delete(exited));
      return exited;
    }
    return sandbox.close();
  }
  /** Kills every process of one kind, spares included; settles once they, and those released before, have exited. */
  async closeKind(kind) {
    this.spares[kind].length = 0;
    const zygotes = [...this.zygotesOf[kind]];
    this.zygotes[kind] = void 0;
    this.zygotesOf[kind].clear();
    await Promise.all([...[...this.live[kind]].map((sandbox) => sandbox.close()), ...this.closing[kind]]);
    await Promise.all(zygotes.map((zygote) => zygote.close()));
  }
  /** How many sandbox processes this set started. */
  get processes() {
    return this.started;
  }
  /** Kills everything; settles once every process has exited. */
  async close() {
    this.closed = true;
    await Promise.all([this.closeKind("shown"), this.closeKind("hidden")]);
  }
};
function rank(isolation2) {
  return ["none", "user-only", "user-namespace", "namespaces"].indexOf(isolation2.level);
}

// src/submission/export-line.ts
var IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
function exportLine(source, name) {
  if (source === void 0 || !IDENTIFIER.test(name)) return void 0;
  const declaration = new RegExp(`^\\s*export\\s+(?:declare\\s+)?(?:async\\s+)?(?:function\\s*\\*?|const|let|var|class)\\s*${name.replace(/\$/g, "\\$")}\\b`);
  const list = new RegExp(`\\b(?:as\\s+)?${name.replace(/\$/g, "\\$")}\\b`);
  const lines = source.split("\n", 2e4);
  let listed;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (declaration.test(line)) return k + 1;
    if (listed === void 0 && /^\s*export\s*\{/.test(line)) {
      for (let j = k; j < Math.min(lines.length, k + 50); j++) {
        if (list.test(lines[j].replace(/^\s*export\s*\{/, ""))) {
          listed = j + 1;
          break;
        }
        if (lines[j].includes("}")) break;
      }
    }
  }
  return listed;
}

// src/submission/typecheck.ts
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire as createRequire2 } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join as join3, relative as relative4, resolve } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
var PACKAGE_ROOT = fileURLToPath2(new URL("../..", import.meta.url));
var SIGNATURES = "__convgrade_signatures.ts";
var TYPES = "__convgrade_types";
function findTsc() {
  try {
    return join3(dirname(createRequire2(fileURLToPath2(import.meta.url)).resolve("typescript/package.json")), "bin", "tsc");
  } catch {
    return void 0;
  }
}
function signatureChecks(present) {
  const lines = ['import type * as T from "convgrade";'];
  const owners = /* @__PURE__ */ new Map();
  EXERCISES.forEach((exercise, k) => {
    if (!present.has(exercise.file)) return;
    const type = exercise.name[0].toUpperCase() + exercise.name.slice(1);
    lines.push(`import * as m${k} from "./${exercise.file}";`, `export const check${k}: T.${type} = m${k}.${exercise.name};`);
    owners.set(lines.length - 1, exercise.file).set(lines.length, exercise.file);
  });
  return { text: `${lines.join("\n")}
`, owners };
}
function writeProject(folder, dir, sources) {
  for (const [path, source] of sources) {
    const target = join3(folder, relative4(dir, path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, source);
  }
  const signatures = signatureChecks(new Set([...sources.keys()].map((path) => relative4(dir, path))));
  writeFileSync(join3(folder, SIGNATURES), signatures.text);
  cpSync(join3(PACKAGE_ROOT, "dist"), join3(folder, TYPES), { recursive: true, filter: (path) => !/\.(js|cjs|mjs)$/.test(path) });
  const compilerOptions = {
    noResolve: true,
    paths: { convgrade: [`./${TYPES}/index.d.ts`] },
    resolveJsonModule: false,
    typeRoots: [],
    strict: true,
    noEmit: true,
    target: "es2022",
    module: "esnext",
    moduleResolution: "bundler",
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: []
  };
  const include = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];
  writeFileSync(join3(folder, "tsconfig.json"), JSON.stringify({ compilerOptions, include, exclude: [] }));
  return signatures.owners;
}
function parseTscOutput(output, folder, dir, owners, sources) {
  const errors = [];
  for (const line of output.split("\n")) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line.trim());
    if (!match) continue;
    const inProject = relative4(folder, resolve(folder, match[1]));
    const owner = inProject === SIGNATURES ? owners.get(Number(match[2])) : void 0;
    if (owner) {
      const file = join3(dir, owner);
      const exercise = EXERCISES.find((e) => e.file === owner);
      const where = exportLine(sources.get(file), exercise?.name ?? "") ?? 1;
      errors.push({ file, line: where, column: 1, code: match[4], message: `${exercise?.name} does not match the exercise's signature: ${match[5]}` });
    } else if (!inProject.startsWith("..") && inProject !== SIGNATURES) {
      errors.push({ file: join3(dir, inProject), line: Number(match[2]), column: Number(match[3]), code: match[4], message: match[5] });
    }
  }
  return errors;
}
async function typecheck(dir, sources) {
  const tsc = findTsc();
  if (!tsc) return { unavailable: "--typecheck needs TypeScript: npm install --save-dev typescript" };
  const folder = mkdtempSync(join3(tmpdir(), "convgrade-typecheck-"));
  try {
    const owners = writeProject(folder, dir, sources);
    const output = await new Promise((done) => {
      execFile(
        process.execPath,
        [tsc, "--noEmit", "--pretty", "false", "-p", folder],
        { cwd: folder, timeout: TYPECHECK_LIMIT_MS, maxBuffer: 4 << 20 },
        (_error, stdout) => done(String(stdout))
      );
    });
    return { errors: parseTscOutput(output, folder, dir, owners, sources) };
  } catch (error) {
    return { unavailable: `the type check could not run: ${error.message}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// src/run/verdicts.ts
import { join as join4 } from "node:path";
var BUCKET = "verdicts";
var COMPUTED_IMPORT = /\b(?:require|import)\s*\(\s*(?!["'`]\s*[^"'`]*["'`]\s*\))/;
function verdictScope(options) {
  const build2 = buildIdentity();
  return build2 === void 0 ? void 0 : { ...options, build: build2 };
}
function fileHash(file) {
  return file === void 0 ? "absent" : hashOf("source-file", JSON.stringify(file));
}
function reachable(scope, entries) {
  const listed = new Map(Object.keys(scope.files).map((path) => [path, { path, regular: true }]));
  const reached = /* @__PURE__ */ new Set();
  const queue = [...entries];
  while (queue.length > 0) {
    const path = queue.pop();
    if (reached.has(path)) continue;
    reached.add(path);
    const file = scope.files[path];
    if (file === void 0 || !("code" in file)) continue;
    if (COMPUTED_IMPORT.test(file.code)) return Object.keys(scope.files).sort();
    for (const specifier of importedSpecifiers(file.code)) {
      const target = resolveImport(path, specifier, listed);
      if (target !== void 0) queue.push(target);
    }
  }
  return [...reached].sort();
}
var withHashes = (scope, paths) => paths.map((path) => [path, fileHash(scope.files[path])]);
function keyOf(scope, fixture) {
  const own = reachable(scope, [join4(scope.dir, fixture.exercise.file)]);
  return hashOf(
    "verdict",
    scope.build,
    process.version,
    fixture.exercise.name,
    fixture.hash,
    scope.dir,
    scope.cwd,
    String(scope.timeoutMs),
    String(scope.memoryMb),
    // Which files exist decides how imports resolve.
    JSON.stringify(Object.keys(scope.files).sort()),
    JSON.stringify(withHashes(scope, own))
  );
}
function keptVerdict(scope, fixture) {
  const stored = scope.cache.get(BUCKET, keyOf(scope, fixture));
  if (stored === void 0) return void 0;
  try {
    const entry = JSON.parse(stored);
    if (!Array.isArray(entry.files)) return void 0;
    for (const [path, hash] of entry.files) if (fileHash(scope.files[path]) !== hash) return void 0;
    return entry.result.name === fixture.exercise.name ? { ...entry.result, cached: true } : void 0;
  } catch {
    return void 0;
  }
}
function repeatable(result) {
  if (result.status === "not-implemented" || result.status === "pass") return true;
  if (result.status !== "fail") return false;
  return [...result.cases, ...result.gradientChecks].every((c) => c.status === "pass" || c.status === "fail");
}
function keepVerdict(scope, fixture, loaded, result) {
  if (!repeatable(result) || result.cached) return;
  const files = withHashes(scope, reachable(scope, loaded));
  scope.cache.set(BUCKET, keyOf(scope, fixture), JSON.stringify({ files, result }));
}

// src/run/check.ts
function weight(fixture) {
  return fixture.cases.length + 8 * fixture.gradientChecks.length + (fixture.exercise.extraCost ?? 0);
}
function checkLimits(options) {
  requireIsolation(options.requireIsolation === true);
  if (!Number.isInteger(options.memoryMb) || options.memoryMb < MIN_MEMORY_MB) {
    throw new HarnessError(
      "USAGE",
      `--memory must be at least ${MIN_MEMORY_MB} MiB: the sandbox needs that much for itself and the course's largest cases (got ${options.memoryMb})`
    );
  }
  if (!Number.isInteger(options.timeoutMs) || options.timeoutMs < MIN_TIMEOUT_MS) {
    throw new HarnessError("USAGE", `--timeout must be at least ${MIN_TIMEOUT_MS} ms: below that, correct solutions time out (got ${options.timeoutMs})`);
  }
}
function requireIsolation(required, walls) {
  if (!required) return;
  walls ??= isolation();
  if (!walls.network) return;
  throw new HarnessError(
    "SANDBOX",
    `--require-isolation: this machine cannot cut the sandbox off the network (${walls.reason ?? walls.level}); see "Threat model" in convgrade's README`
  );
}
function resolveSubmissionDir(dir, cwd = process.cwd()) {
  if (!existsSync2(dir) || !statSync(dir).isDirectory()) {
    throw new HarnessError("SUBMISSION_MISSING", `submission folder not found: ${relative5(cwd, dir) || dir} (pass --dir <folder>)`);
  }
  return realpathSync(dir);
}
var OutputCollector = class {
  text = "";
  dropped = 0;
  hidden = false;
  hiddenOutput = false;
  add(chunk, hidden = this.hidden) {
    if (hidden) {
      this.hiddenOutput = true;
      return;
    }
    const room = MAX_OUTPUT_CHARS - this.text.length;
    if (chunk.length > room) {
      this.dropped += chunk.length - Math.max(room, 0);
      chunk = chunk.slice(0, Math.max(room, 0));
    }
    this.text += chunk;
  }
  take() {
    let output = this.text;
    if (this.hiddenOutput) output += `${output && !output.endsWith("\n") ? "\n" : ""}[output printed during hidden cases, if any, is not shown]
`;
    if (this.dropped > 0) output += `${output.endsWith("\n") ? "" : "\n"}[${this.dropped} more characters not shown]
`;
    const result = output ? { output, ...this.dropped > 0 ? { outputTruncated: true } : {} } : {};
    this.text = "";
    this.dropped = 0;
    this.hiddenOutput = false;
    return result;
  }
};
function startSandboxes(options, jobs) {
  const early = options.sandboxes ?? [];
  const set = new SandboxSet({ memoryMb: options.memoryMb }, Math.max(jobs, early.length), early.slice(0, MAX_SANDBOXES_AHEAD));
  set.fillSpares("shown");
  return set;
}
function shareOut(fixtures, toGrade, sandboxes) {
  const order = [...toGrade].sort((a, b) => weight(fixtures[b]) - weight(fixtures[a]));
  const queues = Array.from({ length: sandboxes }, () => []);
  const loads = queues.map(() => 0);
  for (const index of order) {
    const lightest = loads.indexOf(Math.min(...loads));
    queues[lightest].push(index);
    loads[lightest] += weight(fixtures[index]);
  }
  return queues;
}
function hasHiddenCases(fixture) {
  return [...fixture.cases, ...fixture.gradientChecks].some((c) => c.hidden);
}
async function gradeQueue(grading, queue) {
  const { options, dir, fixtures, sources, sandboxes } = grading;
  const output = new OutputCollector();
  for (const index of queue) {
    const began = performance.now();
    const fixture = fixtures[index];
    const hasHidden = hasHiddenCases(fixture);
    output.hiddenOutput = hasHidden;
    const sandbox = sandboxes.take("shown");
    const hiddenSandbox = hasHidden ? sandboxes.take("hidden") : void 0;
    sandbox.onOutput = (_stream, text, framed) => (framed ? output : grading.unattributed).add(text);
    if (hiddenSandbox) hiddenSandbox.onOutput = () => output.add("", true);
    const ctx = {
      sandbox,
      hiddenSandbox: hiddenSandbox ?? sandbox,
      sources,
      dir,
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
      memoryMb: options.memoryMb,
      used: { shown: 0, hidden: 0 },
      setHidden: (hidden) => {
        output.hidden = hidden;
      }
    };
    try {
      const { loadedFiles, ...graded } = await gradeFunction(ctx, fixture);
      const entry = join5(dir, fixture.exercise.file);
      const line = exportLine(sources.get(entry), fixture.exercise.name);
      const durationMs = Math.round(performance.now() - began);
      const result = { ...graded, ...line !== void 0 ? { exportLine: line } : {}, durationMs, ...output.take() };
      if (grading.verdicts) keepVerdict(grading.verdicts, fixture, loadedFiles, result);
      grading.emit(index, result);
    } finally {
      void sandboxes.release(sandbox);
      if (hiddenSandbox) void sandboxes.release(hiddenSandbox);
    }
  }
}
function attachTypeErrors(functions, errors, dir, cwd) {
  for (const result of functions) {
    const file = join5(dir, exerciseNamed(result.name).file);
    const own = errors.filter((error) => error.file === file).map((error) => ({ ...error, file: relative5(cwd, error.file) }));
    if (own.length > 0) result.typeErrors = own.slice(0, 20);
  }
}
function earlierVerdicts(options, dir, fixtures, files, hiddenCases) {
  const scope = options.verdicts && !hiddenCases ? verdictScope({ cache: options.cache, dir, cwd: options.cwd, timeoutMs: options.timeoutMs, memoryMb: options.memoryMb, files }) : void 0;
  const kept = /* @__PURE__ */ new Map();
  const toGrade = [];
  fixtures.forEach((fixture, index) => {
    const result = scope && keptVerdict(scope, fixture);
    if (result) kept.set(index, result);
    else toGrade.push(index);
  });
  return { verdicts: scope, kept, toGrade };
}
async function check(given) {
  const started = performance.now();
  const options = {
    ...given,
    fixturesDir: given.fixturesDir ?? PACKAGE_FIXTURES,
    timeoutMs: given.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    memoryMb: given.memoryMb ?? DEFAULT_MEMORY_MB,
    cache: given.cache ?? new DiskCache(void 0),
    cwd: given.cwd ?? process.cwd()
  };
  checkLimits({ ...options, requireIsolation: false });
  const dir = resolveSubmissionDir(options.dir, options.cwd);
  const jobs = Math.max(1, options.jobs ?? 1);
  const sandboxes = startSandboxes(options, jobs);
  try {
    const entries = EXERCISES.map((exercise) => join5(dir, exercise.file));
    const [fixtures, { files, sources }] = await Promise.all([
      loadFixtures(options.fixturesDir, options.functions, options.cache, options.cwd),
      transpileSubmission(dir, entries, options.cache, void 0, options.transpiler)
    ]);
    const hiddenCases = fixtures.some(hasHiddenCases);
    const { verdicts, kept, toGrade } = earlierVerdicts(options, dir, fixtures, files, hiddenCases);
    const walls = toGrade.length > 0 || options.requireIsolation ? await settledIsolation() : isolationSoFar();
    requireIsolation(options.requireIsolation === true, walls);
    sandboxes.setFiles({ type: "init", files, maxElements: MAX_ELEMENTS });
    if (hiddenCases) sandboxes.noSpares();
    else sandboxes.plan(toGrade.length, Math.min(toGrade.length, MAX_SANDBOXES_AHEAD));
    const typechecked = options.typecheck ? typecheck(dir, sources) : void 0;
    const submission = relative5(options.cwd, dir) || ".";
    const fixturesShown = relative5(options.cwd, options.fixturesDir) || ".";
    options.onEvent?.({
      type: "start",
      submission,
      fixtures: fixturesShown,
      functions: fixtures.map((f) => f.exercise.name),
      isolation: walls,
      hiddenCases
    });
    const slots = fixtures.map(() => void 0);
    let emitted = 0;
    const emit = (index, result) => {
      slots[index] = result;
      for (; emitted < slots.length && slots[emitted]; emitted++) options.onEvent?.({ type: "function-result", result: slots[emitted] });
    };
    const grading = { options, dir, fixtures, sources, sandboxes, verdicts, unattributed: new OutputCollector(), emit };
    for (const [index, result] of kept) emit(index, result);
    const queues = shareOut(fixtures, toGrade, jobs);
    await Promise.all(queues.map((queue) => gradeQueue(grading, queue)));
    const functions = slots;
    const types = typechecked ? await typechecked : void 0;
    if (types && "errors" in types) attachTypeErrors(functions, types.errors, dir, options.cwd);
    return {
      ...types && "unavailable" in types ? { typecheckUnavailable: types.unavailable } : {},
      score: functions.reduce((sum, f) => sum + f.score, 0),
      maxScore: functions.reduce((sum, f) => sum + f.maxScore, 0),
      functions,
      ...grading.unattributed.take(),
      submission,
      fixtures: fixturesShown,
      timeoutMs: options.timeoutMs,
      durationMs: Math.round(performance.now() - started),
      sandbox: { ...sandboxes.isolation ?? walls, processes: sandboxes.processes }
    };
  } finally {
    await sandboxes.close();
  }
}

export {
  packageVersion,
  loadFixtures,
  checkLimits,
  resolveSubmissionDir,
  check
};
