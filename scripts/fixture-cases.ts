/**
 * Builds every fixture file from the reference solutions and the seeded generator, as text. Pure and
 * deterministic, so a test can rebuild the files in memory and compare them with the committed ones.
 */
import { EXERCISES, type FunctionName, fixtureFileName } from "../src/exercises.js";
import type { FixtureFileInput } from "../src/fixtures/schema.js";
import { convBackwardFixture, createMaskFixture, distributeValueFixture, poolBackwardFixture } from "./fixtures/backward-cases.js";
import { convForwardFixture, convSingleStepFixture, poolForwardFixture, zeroPadFixture } from "./fixtures/forward-cases.js";
import type { FixtureBody } from "./fixtures/helpers.js";
import { withFingerprints } from "./fixtures/mistakes/fingerprints.js";

export type { FixtureCase, GradientCheck } from "./fixtures/helpers.js";
/** The content of one fixtures/<exercise>.json file. */
export type FixtureFile = FixtureFileInput;

/**
 * The generator's code per exercise: each builds the cases of one fixture file. The facts about an
 * exercise (its name, arguments, gradients, ...) are on its record in src/exercises.ts; this map only
 * says which code builds its cases, and the type makes it name all eight.
 */
const BUILDERS: Record<FunctionName, () => FixtureBody> = {
  zeroPad: zeroPadFixture,
  convSingleStep: convSingleStepFixture,
  convForward: convForwardFixture,
  poolForward: poolForwardFixture,
  convBackward: convBackwardFixture,
  createMaskFromWindow: createMaskFixture,
  distributeValue: distributeValueFixture,
  poolBackward: poolBackwardFixture,
};

/** Arrays and objects whose one-line form fits in this many characters stay on one line. */
const ONE_LINE = 100;

/** JSON with 2-space indent, except that short values and arrays of plain values stay on one line. */
export function formatJson(value: unknown, indent = ""): string {
  const compact = JSON.stringify(value);
  if (value === null || typeof value !== "object") return compact;
  const isLeafArray = Array.isArray(value) && value.every((item) => item === null || typeof item !== "object");
  if (isLeafArray || compact.length <= ONE_LINE) return compact;
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((item) => inner + formatJson(item, inner))
    : Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${items.join(",\n")}\n${indent}${close}`;
}

/** Every fixture as an object, keyed by file name (zero-pad.json, ...), in course order. */
export function buildFixtureFiles(): Record<string, FixtureFile> {
  const files: Record<string, FixtureFile> = {};
  for (const exercise of EXERCISES) {
    const { description, cases, gradientChecks } = BUILDERS[exercise.name]();
    const fingerprinted = withFingerprints(exercise.name, cases);
    files[fixtureFileName(exercise)] = { function: exercise.name, description, mistakes: fingerprinted.mistakes, cases: fingerprinted.cases, gradientChecks };
  }
  return files;
}

/** Every fixture as the exact text of its file, keyed by file name. */
export function buildFixtures(): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [file, fixture] of Object.entries(buildFixtureFiles())) texts[file] = `${formatJson(fixture)}\n`;
  return texts;
}
