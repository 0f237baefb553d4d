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
import { type ReadFile, readSubmission } from "../submission/read.js";
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

/** What the early start reads of a check's arguments and folder, each at most once. */
interface Look {
  values: ReturnType<typeof checkArgs>["values"];
  positionals: string[];
  /** the submission folder, by its real path */
  dir: string;
  cache: DiskCache;
  /** the submission's files as check will read them (read.ts), read on first use */
  read(): Map<string, ReadFile>;
}

function look(argv: readonly string[]): Look | undefined {
  const { values, positionals } = checkArgs(argv);
  if (values.help === true) return undefined;
  const dir = realpathSync(typeof values.dir === "string" ? values.dir : DEFAULT_DIR);
  let read: Map<string, ReadFile> | undefined;
  return {
    values,
    positionals,
    dir,
    cache: new DiskCache(values["no-cache"] === true ? undefined : defaultCacheDir()),
    read: () => {
      read ??= readSubmission(
        dir,
        EXERCISES.map((exercise) => join(dir, exercise.file)),
      );
      return read;
    },
  };
}

/**
 * What `check` can start before the CLI has loaded: its sandboxes, and the transpiler's worker (an edited
 * file is transpiled by it, and its start-up would otherwise come after the CLI's own); nothing for
 * anything else, nor when every verdict will be reused.
 */
export function prestart(argv: readonly string[]): { sandboxes: Sandbox[]; transpiler?: TranspilerPool } {
  if (argv[0] !== "check") return { sandboxes: [] };
  let seen: Look | undefined;
  try {
    seen = look(argv);
  } catch {
    return { sandboxes: [] }; // the full CLI will report whatever is wrong
  }
  if (!seen || everyVerdictKept(seen)) return { sandboxes: [] };
  const sandboxes = prestartSandboxes(seen);
  // The worker only when a file will need it (one just edited): its start-up is CPU the other starts want.
  if (sandboxes.length === 0 || !needsTranspiler(seen.read(), seen.cache)) return { sandboxes };
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
function everyVerdictKept(seen: Look, stdout: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  const { values, positionals, dir } = seen;
  const flags = { cache: values["no-cache"] !== true, requireIsolation: values["require-isolation"] === true };
  if (values.watch === true || !mayReuseVerdicts(flags, stdout, env)) return false;
  try {
    const fixturesDir = resolve(typeof values.fixtures === "string" ? values.fixtures : PACKAGE_FIXTURES);
    const named = positionals.map((name) => findExercise(name));
    if (named.some((exercise) => exercise === undefined)) return false;
    const selected =
      named.length > 0 ? EXERCISES.filter((exercise) => named.includes(exercise)) : EXERCISES.filter((e) => existsSync(join(fixturesDir, fixtureFileName(e))));
    return allKeptLastTime(seen.cache, {
      dir,
      cwd: process.cwd(),
      fixturesDir,
      timeoutMs: Number(typeof values.timeout === "string" ? values.timeout : DEFAULT_TIMEOUT_MS),
      memoryMb: Number(typeof values.memory === "string" ? values.memory : DEFAULT_MEMORY_MB),
      sources: new Map([...seen.read().values()].map((file) => [file.path, "source" in file ? file.source : undefined])),
      fixtures: selected.map((exercise) => ({
        name: exercise.name,
        hash: hashOf("fixture-bytes", readFileSync(join(fixturesDir, fixtureFileName(exercise)))),
      })),
    });
  } catch {
    return false; // the check will find out
  }
}

/** Sandboxes already starting for `check`: one per function to grade; none when the limits are unusable. */
function prestartSandboxes(seen: Look): Sandbox[] {
  const { values, positionals } = seen;
  try {
    const memoryMb = Number(typeof values.memory === "string" ? values.memory : DEFAULT_MEMORY_MB);
    const jobs = Number(typeof values.jobs === "string" ? values.jobs : DEFAULT_JOBS);
    if (!Number.isInteger(memoryMb) || memoryMb < MIN_MEMORY_MB || !Number.isInteger(jobs) || jobs <= 0) return [];
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
