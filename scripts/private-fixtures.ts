/**
 * A fresh fixture set from the reference, for an instructor to keep private and grade with
 * `convgrade check --fixtures <folder>`: `npm run fixtures -- [--seed <hex>] --cases <n> [--hidden] --out <folder>`.
 * Random valid shapes, hyper-parameters and values from numpy-compatible RandomStates (one per case, keyed
 * from the seed: see private-seed.ts), with the edge cases of the committed fixtures mixed in; numerical
 * gradients as the committed generator stores them. The same seed and count give byte-identical files; no
 * seed draws a fresh 128-bit one. A repository script, not part of the package: the package holds no
 * reference solution.
 */
import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { EXERCISES, type FunctionName, fixtureFileName } from "../src/exercises.js";
import { RandomState } from "../src/random/random-state.js";
import { type FixtureFile, formatJson } from "./fixture-cases.js";
import type { FixtureCase, GradientCheck } from "./fixtures/helpers.js";
import { caseKey, freshSeed, hiddenSetSeed, MIN_SEED_BITS, parseSeed } from "./fixtures/private-seed.js";
import {
  randomConvBackward,
  randomConvCheck,
  randomCreateMask,
  randomDistributeValue,
  randomPoolBackward,
  randomPoolCheck,
} from "./fixtures/random-backward.js";
import { randomConvForward, randomConvSingleStep, randomPoolForward, randomZeroPad } from "./fixtures/random-forward.js";

/** What to generate. */
export interface PrivateFixtureOptions {
  /** at least 32 hex digits (128 bits); a whole number below 2**32 only for a set that is not hidden */
  seed: string;
  /** random cases per function */
  cases: number;
  /** mark every case and gradient check hidden */
  hidden: boolean;
}

type Builder<T> = (rng: RandomState, i: number) => T;

const CASES: Record<FunctionName, Builder<FixtureCase>> = {
  zeroPad: randomZeroPad,
  convSingleStep: randomConvSingleStep,
  convForward: randomConvForward,
  poolForward: randomPoolForward,
  convBackward: randomConvBackward,
  createMaskFromWindow: randomCreateMask,
  distributeValue: randomDistributeValue,
  poolBackward: randomPoolBackward,
};

const CHECKS: Partial<Record<FunctionName, Builder<GradientCheck>>> = { convBackward: randomConvCheck, poolBackward: randomPoolCheck };

/** Gradient checks per backward function: a third of the cases, at least three (as the committed fixtures have). */
export function checkCount(cases: number): number {
  return Math.max(3, Math.ceil(cases / 3));
}

/** Every file of a private set as an object, keyed by file name, in course order. */
export function buildPrivateFixtureFiles({ seed, cases, hidden }: PrivateFixtureOptions): Record<string, FixtureFile> {
  // A generator per case and per gradient check, keyed from the seed by a hash: no case's draws tell
  // anything about another's (private-seed.ts). A hidden set refuses a seed short enough to be searched.
  const key = hidden ? hiddenSetSeed(seed) : parseSeed(seed);
  const visibility = hidden ? ({ visibility: "hidden" } as const) : {};
  const files: Record<string, FixtureFile> = {};
  for (const exercise of EXERCISES) {
    const rng = (kind: "case" | "check", i: number) => new RandomState(caseKey(key, exercise.name, kind, i));
    const made = Array.from({ length: cases }, (_, i) => CASES[exercise.name](rng("case", i), i));
    const checkBuilder = CHECKS[exercise.name];
    const checks = checkBuilder && Array.from({ length: checkCount(cases) }, (_, i) => checkBuilder(rng("check", i), i));
    // Reports show a hidden case's name: a hidden set's names say the kind of case, never a drawn value
    // (shapes, hyper-parameters, dz would give away the inputs, and through them the seed), and the
    // seed is not written into the files either.
    const named = (name: string) => (hidden ? name.split(":")[0] : name);
    files[fixtureFileName(exercise)] = {
      function: exercise.name,
      description: hidden
        ? `${exercise.snakeName}: ${cases} random cases from the reference (a private set).`
        : `${exercise.snakeName}: ${cases} random cases from the reference (npm run fixtures -- --seed ${key.text} --cases ${cases}).`,
      cases: made.map(({ name, ...rest }) => ({ name: named(name), ...visibility, ...rest })),
      ...(checks
        ? { gradientChecks: checks.map(({ name, ...rest }, k) => ({ name: hidden ? `gradient check ${k + 1}` : name, ...visibility, ...rest })) }
        : {}),
    };
  }
  return files;
}

/** Every file of a private set as its exact text, keyed by file name. */
export function buildPrivateFixtures(options: PrivateFixtureOptions): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [file, fixture] of Object.entries(buildPrivateFixtureFiles(options))) texts[file] = `${formatJson(fixture)}\n`;
  return texts;
}

const USAGE = "usage: npm run fixtures -- [--seed <32+ hex digits>] --cases <1..200> [--hidden] --out <folder>";
const COMMITTED = fileURLToPath(new URL("../fixtures", import.meta.url));

/** A whole number in [low, high] from a flag, or a usage error. */
function integerFlag(name: string, text: string | undefined, low: number, high: number): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || value < low || value > high) throw new Error(`--${name} must be a whole number from ${low} to ${high}`);
  return value;
}

/** The options of the command line, or an Error whose message says what is wrong. */
export function parsePrivateArgs(argv: string[]): PrivateFixtureOptions & { out: string; drawn: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { seed: { type: "string" }, cases: { type: "string" }, hidden: { type: "boolean", default: false }, out: { type: "string" } },
  });
  if (!values.out) throw new Error("--out <folder> is required");
  const out = resolve(values.out);
  const existing = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  // The committed fixtures are the public ones, regenerated by a plain `npm run fixtures`.
  if (existing(out) === existing(COMMITTED)) throw new Error("--out must not be the committed fixtures/ folder");
  const seed = values.seed ?? freshSeed();
  // Checked here too, so that a short seed is a usage error (exit 2) before anything is written.
  if (values.hidden) hiddenSetSeed(seed);
  else parseSeed(seed);
  return { seed, cases: integerFlag("cases", values.cases ?? "10", 1, 200), hidden: values.hidden, out, drawn: values.seed === undefined };
}

/** `npm run fixtures -- --seed …`: writes the set into --out; returns the exit code. */
export function runPrivateFixtures(argv: string[]): number {
  let options: ReturnType<typeof parsePrivateArgs>;
  try {
    options = parsePrivateArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  // The seed is the set: printed once so that it can be regenerated, written into no file.
  if (options.drawn) console.log(`seed ${options.seed} (drawn at random; keep it private: it regenerates this set)`);
  else if (parseSeed(options.seed).bits < MIN_SEED_BITS)
    console.error(`note: --seed ${options.seed} is short enough to be searched: fine to inspect a visible set, never for a hidden one`);
  mkdirSync(options.out, { recursive: true });
  for (const [file, text] of Object.entries(buildPrivateFixtures(options))) {
    writeFileSync(join(options.out, file), text);
    console.log(`${join(options.out, file)}  ${(text.length / 1024).toFixed(1)} KB`);
  }
  console.log(`grade with: npx convgrade check --fixtures ${options.out}`);
  return 0;
}
