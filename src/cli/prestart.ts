/**
 * Starts the sandbox child before the CLI has even loaded, so that the child's start-up overlaps the
 * grader's own. It reads only --dir/-d, --memory and --jobs; the full CLI re-checks and discards a
 * mismatch. (Paths need no checking here: the sandbox is granted no file, whatever the folder's name.)
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DiskCache, defaultCacheDir, hashOf } from "../cache.js";
import { EXERCISES, findExercise, fixtureFileName } from "../exercises.js";
import { MAX_SANDBOXES_AHEAD, MIN_MEMORY_MB } from "../limits.js";
import { DEFAULT_DIR, DEFAULT_JOBS, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, PACKAGE_FIXTURES } from "../run/defaults.js";
import { allKeptLastTime } from "../run/verdicts.js";
import { Sandbox, startZygote } from "../sandbox/host.js";
import { readSubmission } from "../submission/read.js";
import { needsTranspiler, TranspilerPool } from "../submission/transpile.js";
import { mayReuseVerdicts } from "./verdict-policy.js";

/**
 * check's arguments as the full CLI will read them, loosely (an unknown flag is not an error here): every
 * option that takes a value is named, so that its value is never taken for a function's name.
 */
function checkArgs(argv: readonly string[]) {
  return parseArgs({ args: argv.slice(1), strict: false, allowPositionals: true, options: CHECK_OPTIONS });
}

/** check's options that take a value (test/unit/prestart.test.ts holds this to the CLI's), and --help. */
export const CHECK_OPTIONS = {
  dir: { type: "string", short: "d" },
  fixtures: { type: "string" },
  reporter: { type: "string", short: "r", multiple: true },
  "min-score": { type: "string" },
  timeout: { type: "string" },
  memory: { type: "string" },
  jobs: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * What `check` can start before the CLI has loaded: its sandboxes, and the transpiler's worker (an edited
 * file is transpiled by it, and its start-up would otherwise come after the CLI's own); nothing for
 * anything else.
 */
export function prestart(argv: readonly string[]): { sandboxes: Sandbox[]; transpiler?: TranspilerPool } {
  if (everyVerdictKept(argv)) return { sandboxes: [] };
  const sandboxes = prestartSandboxes(argv);
  if (sandboxes.length === 0) return { sandboxes };
  try {
    const { values } = checkArgs(argv);
    const dir = resolve(typeof values.dir === "string" ? values.dir : DEFAULT_DIR);
    // Only when a file will need it (one just edited): the worker's start-up is CPU the other starts want.
    const cache = new DiskCache(values["no-cache"] === true ? undefined : defaultCacheDir());
    const entries = EXERCISES.map((exercise) => join(dir, exercise.file));
    if (!needsTranspiler(dir, entries, cache)) return { sandboxes };
  } catch {
    return { sandboxes }; // the check will say what is wrong
  }
  const transpiler = new TranspilerPool();
  transpiler.warmUp();
  return { sandboxes, transpiler };
}

/**
 * Whether this check will, by every sign, reuse the verdict of every function it grades (a learner's
 * check at a terminal, nothing changed since the last): then it needs no sandbox, and starting one would
 * only take CPU from the check. A guess (verdicts.ts, allKeptLastTime): when it is wrong, the check
 * starts its sandboxes itself, later.
 */
export function everyVerdictKept(argv: readonly string[], stdout: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (argv[0] !== "check") return false;
  try {
    const { values, positionals } = checkArgs(argv);
    const flags = { cache: values["no-cache"] !== true, requireIsolation: values["require-isolation"] === true };
    if (values.watch === true || values.help === true || !mayReuseVerdicts(flags, stdout, env)) return false;
    const dir = realpathSync(typeof values.dir === "string" ? values.dir : DEFAULT_DIR);
    const fixturesDir = resolve(typeof values.fixtures === "string" ? values.fixtures : PACKAGE_FIXTURES);
    const named = positionals.map((name) => findExercise(name));
    if (named.some((exercise) => exercise === undefined)) return false;
    const selected =
      named.length > 0 ? EXERCISES.filter((exercise) => named.includes(exercise)) : EXERCISES.filter((e) => existsSync(join(fixturesDir, fixtureFileName(e))));
    const read = readSubmission(
      dir,
      EXERCISES.map((exercise) => join(dir, exercise.file)),
    );
    return allKeptLastTime(new DiskCache(defaultCacheDir()), {
      dir,
      cwd: process.cwd(),
      fixturesDir,
      timeoutMs: Number(typeof values.timeout === "string" ? values.timeout : DEFAULT_TIMEOUT_MS),
      memoryMb: Number(typeof values.memory === "string" ? values.memory : DEFAULT_MEMORY_MB),
      sources: new Map([...read.values()].map((file) => [file.path, "source" in file ? file.source : undefined])),
      fixtures: selected.map((exercise) => ({
        name: exercise.name,
        hash: hashOf("fixture-bytes", readFileSync(join(fixturesDir, fixtureFileName(exercise)))),
      })),
    });
  } catch {
    return false; // the check will find out
  }
}

/** Sandboxes already starting for `check`; none when the arguments are anything else. */
export function prestartSandboxes(argv: readonly string[]): Sandbox[] {
  if (argv[0] !== "check") return [];
  try {
    const { values, positionals } = checkArgs(argv);
    if (values.help) return [];
    const dir = typeof values.dir === "string" ? values.dir : DEFAULT_DIR;
    const memoryMb = Number(typeof values.memory === "string" ? values.memory : DEFAULT_MEMORY_MB);
    const jobs = Number(typeof values.jobs === "string" ? values.jobs : DEFAULT_JOBS);
    if (!existsSync(dir) || !Number.isInteger(memoryMb) || memoryMb < MIN_MEMORY_MB || !Number.isInteger(jobs) || jobs <= 0) return [];
    // One per function to grade, whatever --jobs is; as many start now as there are cores, and the
    // check starts the rest as these get ready (sandbox-set.ts): each is used once.
    const count = Math.min(positionals.length > 0 ? positionals.length : MAX_SANDBOXES_AHEAD, MAX_SANDBOXES_AHEAD);
    // One fork server for them all (and for the rest of the check's shown sandboxes), where there can be one.
    const zygote = startZygote({ memoryMb });
    return Array.from({ length: count }, (_, index) => {
      const sandbox = new Sandbox({ memoryMb }, zygote);
      if (index < availableParallelism()) sandbox.warmUp();
      return sandbox;
    });
  } catch {
    return []; // the full CLI will report whatever is wrong
  }
}
