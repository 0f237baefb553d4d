/**
 * Starts the sandbox child before the CLI has even loaded, so that the child's start-up overlaps the
 * grader's own. It reads only --dir/-d, --memory and --jobs; the full CLI re-checks and discards a
 * mismatch. (Paths need no checking here: the sandbox is granted no file, whatever the folder's name.)
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DiskCache, defaultCacheDir } from "../cache.js";
import { EXERCISES } from "../exercises.js";
import { MAX_SANDBOXES_AHEAD, MIN_MEMORY_MB } from "../limits.js";
import { DEFAULT_DIR, DEFAULT_JOBS, DEFAULT_MEMORY_MB } from "../run/defaults.js";
import { Sandbox, startZygote } from "../sandbox/host.js";
import { needsTranspiler, TranspilerPool } from "../submission/transpile.js";

/**
 * What `check` can start before the CLI has loaded: its sandboxes, and the transpiler's worker (an edited
 * file is transpiled by it, and its start-up would otherwise come after the CLI's own); nothing for
 * anything else.
 */
export function prestart(argv: readonly string[]): { sandboxes: Sandbox[]; transpiler?: TranspilerPool } {
  const sandboxes = prestartSandboxes(argv);
  if (sandboxes.length === 0) return { sandboxes };
  try {
    const { values } = parseArgs({ args: argv.slice(1), strict: false, allowPositionals: true, options: { dir: { type: "string", short: "d" } } });
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

/** Sandboxes already starting for `check`; none when the arguments are anything else. */
export function prestartSandboxes(argv: readonly string[]): Sandbox[] {
  if (argv[0] !== "check") return [];
  try {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      strict: false,
      allowPositionals: true,
      options: { dir: { type: "string", short: "d" }, memory: { type: "string" }, jobs: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
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
