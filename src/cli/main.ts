/**
 * The command line: the only place that reads argv, chooses colour, prints and picks the exit code.
 * Harness errors print their message (a stack only with DEBUG) and exit 2.
 */

import { resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { DiskCache, defaultCacheDir } from "../cache.js";
import { ExitCode, HarnessError } from "../errors.js";
import { EXERCISES, type Exercise, findExercise } from "../exercises.js";
import { REPORTERS } from "../report/index.js";
import { check, checkLimits, resolveSubmissionDir, sameSandboxOptions } from "../run/check.js";
import { DEFAULT_DIR, DEFAULT_JOBS, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, PACKAGE_FIXTURES } from "../run/defaults.js";
import { Sandbox, startZygote } from "../sandbox/host.js";
import { TranspilerPool } from "../submission/transpile.js";
import { closest } from "../suggest.js";
import { packageVersion } from "../version.js";
import { checkEnvironment } from "./environment.js";
import { exitCodeFor, type MinScore, parseMinScore } from "./exit-policy.js";
import { warnIfNetworkOpen } from "./network-warning.js";
import { openReporters, parseReporterSpec, type ReporterSpec } from "./report-targets.js";
import { mayReuseVerdicts } from "./verdict-policy.js";

interface CheckFlags {
  dir: string;
  fixtures?: string;
  reporter: ReporterSpec[];
  minScore?: MinScore;
  timeout: number;
  memory: number;
  jobs: number;
  cache: boolean;
  typecheck?: boolean;
  watch?: boolean;
  verbose?: boolean;
  requireIsolation?: boolean;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError("expected a positive whole number");
  return parsed;
}

/** Maps names given on the command line to exercises, in course order. */
export function selectExercises(names: readonly string[]): Exercise[] | undefined {
  if (names.length === 0) return undefined;
  const chosen = new Set<Exercise>();
  for (const name of names) {
    const exercise = findExercise(name);
    if (!exercise) {
      const best = closest(name, [...EXERCISES.map((e) => e.name), ...EXERCISES.map((e) => e.snakeName)], 3);
      const suggestion = best ? ` Did you mean ${best}?` : "";
      throw new HarnessError(
        "USAGE",
        `unknown function "${name}".${suggestion} Known: ${EXERCISES.map((e) => e.snakeName).join(", ")} (or their camelCase names)`,
      );
    }
    chosen.add(exercise);
  }
  return EXERCISES.filter((exercise) => chosen.has(exercise));
}

/** Whether to colour: a terminal, unless NO_COLOR, TERM=dumb or CI says otherwise; FORCE_COLOR wins. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  if (env.NO_COLOR !== undefined || env.TERM === "dumb" || env.CI) return false;
  return stream.isTTY === true;
}

/** The pretty reporter's display: the terminal's width for the visual diff (80 in a pipe or file), and --verbose. */
function displayOptions(flags: CheckFlags): { columns: number; verbose: boolean } {
  const columns = process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : 80;
  return { columns, verbose: flags.verbose === true };
}

/** Sandboxes kept started between watch runs, for the functions a save usually touches. */
const WATCH_SANDBOXES_AHEAD = 3;

/**
 * check --watch: every run a fresh check of the functions that changed, printed by the pretty reporter.
 * Between runs a few sandboxes wait, started but unused, and the transpiler stays warm, so a save is
 * graded without waiting for a Node start-up; each sandbox is still used for one function only.
 */
async function runWatch(functions: readonly Exercise[], dir: string, flags: CheckFlags, early: Early): Promise<number> {
  let ahead = early.sandboxes.filter((s) => sameSandboxOptions(s.options, { memoryMb: flags.memory }));
  await Promise.all(early.sandboxes.filter((sandbox) => !ahead.includes(sandbox)).map((sandbox) => sandbox.close()));
  const cache = new DiskCache(flags.cache ? defaultCacheDir() : undefined);
  let preparing = Promise.resolve();
  // The last run's sandboxes, killed, until they have exited: the next run waits for them, not its printing.
  let closing = Promise.resolve();
  const write = (text: string) => void process.stdout.write(text);
  const { watchSubmission } = await import("./watch.js");
  const transpiler = early.transpiler ?? new TranspilerPool();
  const code = await watchSubmission({
    dir,
    functions,
    cache,
    write,
    fault: (error) => write(`convgrade: ${error instanceof HarnessError ? error.message : `internal error: ${(error as Error)?.message}`}\n`),
    run: async (selected, header) => {
      write(header);
      await preparing;
      await closing;
      const reporter = (await REPORTERS.pretty())({ write }, { color: useColor(process.stdout), ...displayOptions(flags) });
      const sandboxes = ahead;
      ahead = [];
      try {
        const report = await check({
          dir,
          fixturesDir: resolve(flags.fixtures ?? PACKAGE_FIXTURES),
          functions: selected,
          timeoutMs: flags.timeout,
          memoryMb: flags.memory,
          cache,
          verdicts: mayReuseVerdicts(flags),
          jobs: flags.jobs,
          sandboxes,
          transpiler,
          closing: (closed) => {
            closing = closed;
          },
          onEvent: (event) => reporter.onEvent?.(event),
        });
        reporter.onEnd(report);
        return report;
      } finally {
        // For the next save, once this run's last lines are on screen (the watch writes them when this
        // returns): starting a fork server takes the event loop for a few milliseconds.
        preparing = new Promise((resolve) =>
          setImmediate(() => {
            const zygote = startZygote({ memoryMb: flags.memory });
            ahead = Array.from({ length: WATCH_SANDBOXES_AHEAD }, () => {
              const sandbox = new Sandbox({ memoryMb: flags.memory }, zygote);
              sandbox.warmUp();
              return sandbox;
            });
            resolve();
          }),
        );
      }
    },
  });
  transpiler.close();
  await preparing;
  await closing;
  await Promise.all(ahead.map((sandbox) => sandbox.close()));
  return code;
}

async function runCheck(names: string[], flags: CheckFlags, early: Early): Promise<number> {
  checkLimits({ memoryMb: flags.memory, timeoutMs: flags.timeout });
  const functions = selectExercises(names);
  if (flags.watch) return runWatch(functions ?? EXERCISES, resolveSubmissionDir(resolve(flags.dir)), flags, early);
  const dir = resolveSubmissionDir(resolve(flags.dir));
  // Sandboxes started before the flags were parsed are kept only if they match the flags.
  const usable = early.sandboxes.filter((s) => sameSandboxOptions(s.options, { memoryMb: flags.memory }));
  const unused = early.sandboxes.filter((sandbox) => !usable.includes(sandbox)).map((sandbox) => sandbox.close());
  const out = { write: (text: string) => void process.stdout.write(text) };
  const cache = new DiskCache(flags.cache ? defaultCacheDir() : undefined);
  const specs = flags.reporter.length > 0 ? flags.reporter : [{ name: "pretty" }];
  const { reporters, commit } = await openReporters(specs, out, useColor(process.stdout), process.env, displayOptions(flags));
  const report = await check({
    dir,
    fixturesDir: resolve(flags.fixtures ?? PACKAGE_FIXTURES),
    functions,
    timeoutMs: flags.timeout,
    memoryMb: flags.memory,
    cache,
    verdicts: mayReuseVerdicts(flags),
    jobs: flags.jobs,
    sandboxes: usable,
    typecheck: flags.typecheck,
    requireIsolation: flags.requireIsolation,
    transpiler: early.transpiler,
    onEvent: (event) => {
      if (event.type === "start" && event.hiddenCases) warnIfNetworkOpen(event.isolation);
      for (const reporter of reporters) reporter.onEvent?.(event);
    },
  });
  early.transpiler?.close();
  // A threshold that cannot be met is a configuration fault: found before any report file is written.
  const code = exitCodeFor(report, flags.minScore);
  for (const reporter of reporters) reporter.onEnd(report);
  commit();
  (await import("./list.js")).rememberRun(cache, dir, report);
  await Promise.all(unused);
  return code;
}

/** The command-line program, built without running it (tests read its commands and options). */
export function program(early: Early = { sandboxes: [] }, done: (code: number) => void = () => {}): Command {
  const cli = new Command("convgrade")
    .description('Grades the "Convolution model - Step by Step" exercises, written in TypeScript')
    .version(packageVersion(), "-V, --version", "print convgrade's version")
    .showHelpAfterError("(run convgrade check --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  addCheck(cli, early, done);
  addClassCommands(cli, done);
  return cli;
}

/** `check`, and `list` beside it: what a learner runs. */
function addCheck(cli: Command, early: Early, done: (code: number) => void): void {
  cli
    .command("check")
    .description("run your functions against the fixtures and gradient checks, and grade them")
    .argument("[functions...]", "functions to check, camelCase or snake_case (default: all)")
    .option("-d, --dir <folder>", "folder with your exercise files", DEFAULT_DIR)
    .option("--fixtures <folder>", "folder of fixture files (default: the course's fixtures)")
    .option(
      "-r, --reporter <name[:file]>",
      `output format, repeatable: ${Object.keys(REPORTERS).join(", ")}; with :file, written to that file (default: pretty)`,
      (value: string, previous: ReporterSpec[]) => [...previous, parseReporterSpec(value)],
      [] as ReporterSpec[],
    )
    .option("--min-score <points|percent%>", "exit 0 when the score reaches this (default: only with full marks)", parseMinScore)
    .option("--timeout <ms>", "time limit per case, in milliseconds", positiveInteger, DEFAULT_TIMEOUT_MS)
    .option("--memory <MiB>", "memory limit of the sandbox, in MiB", positiveInteger, DEFAULT_MEMORY_MB)
    .option("--jobs <n>", "sandboxes grading functions in parallel", positiveInteger, DEFAULT_JOBS)
    .option("--no-cache", "do not cache transpiled files, validated fixtures and the verdicts of unchanged functions")
    .option("--typecheck", "also run the TypeScript compiler on your files (type errors are shown, not scored)")
    .option("--watch", "grade again whenever you save a file (only what changed); q quits")
    .option("--verbose", "list every case with the tolerance used and the largest error against it")
    .option("--require-isolation", "exit 2 unless the kernel can cut the sandbox off the network (for graders of hidden cases)")
    .action(async (names: string[], flags: CheckFlags) => done(await runCheck(names, flags, early)));
  cli
    .command("list")
    .description("the exercises in course order, their points, and how your last check went")
    .option("-d, --dir <folder>", "folder with your exercise files", DEFAULT_DIR)
    .option("--fixtures <folder>", "folder of fixture files (default: the course's fixtures)")
    .action(async (flags: { dir: string; fixtures?: string }) => {
      const { listExercises } = await import("./list.js");
      process.stdout.write(await listExercises(flags.dir, resolve(flags.fixtures ?? PACKAGE_FIXTURES), new DiskCache(defaultCacheDir())));
      done(ExitCode.Pass);
    });
}

/** `grade`, `gradebook merge` and `init`: what an instructor runs. */
function addClassCommands(cli: Command, done: (code: number) => void): void {
  cli
    .command("grade")
    .description("grade every subfolder of a class folder as one submission; write a gradebook, a report per submission and a class report")
    .argument("<folder>", "the class folder: each subfolder is one submission")
    .requiredOption("-o, --out <folder>", "where gradebook.csv, report.html and reports/ go")
    .option("--fixtures <folder>", "folder of fixture files (default: the course's fixtures)")
    .option("--timeout <ms>", "time limit per case, in milliseconds", positiveInteger, DEFAULT_TIMEOUT_MS)
    .option("--memory <MiB>", "memory limit of each sandbox, in MiB", positiveInteger, DEFAULT_MEMORY_MB)
    .option("--jobs <n>", "submissions graded at once (default: the number of cores)", positiveInteger)
    .option("--shard <i/n>", "grade only the i-th of n shards of the class (for a CI matrix)")
    .option("--regrade", "grade every submission again, reusing no stored result from an earlier run")
    .option("--similarity", "also list the submissions that look alike (similarity.csv and a section of report.html)")
    .option("--no-cache", "do not use the shared cache (a private one for this batch instead)")
    .option("--require-isolation", "exit 2 unless the kernel can cut the sandboxes off the network")
    .action(async (folder: string, flags) => done(await (await import("./grade.js")).runGrade(folder, flags)));
  cli
    .command("init")
    .description("write a learner workspace: the exercise stubs, package.json, tsconfig.json, a README and a GitHub Classroom workflow")
    .argument("[folder]", "where to write it (created if missing)", ".")
    .action(async (folder: string) => done(await (await import("./init.js")).runInit(folder)));
  cli
    .command("gradebook")
    .description("work with gradebooks")
    .command("merge")
    .description("join the output folders of shards into one gradebook (and class report)")
    .argument("<folders...>", "output folders of `convgrade grade --shard`")
    .requiredOption("-o, --out <folder>", "where the merged gradebook.csv (and report.html, reports/) go")
    .action(async (folders: string[], flags: { out: string }) => done(await (await import("./grade.js")).runMerge(folders, flags)));
}

/** What the entry point started before the CLI loaded (prestart.ts): sandboxes, and the transpiler's worker. */
export interface Early {
  sandboxes: Sandbox[];
  transpiler?: TranspilerPool;
}

/** Runs the CLI on argv (without node and script) and returns the exit code. */
export async function main(argv: string[], early: Early = { sandboxes: [] }): Promise<number> {
  let code: number = ExitCode.Pass;
  try {
    for (const warning of checkEnvironment()) process.stderr.write(`convgrade: warning: ${warning}\n`);
    await program(early, (c) => (code = c)).parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    early.transpiler?.close();
    await Promise.all(early.sandboxes.map((sandbox) => sandbox.close()));
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Pass : ExitCode.HarnessError;
    }
    if (error instanceof HarnessError) {
      process.stderr.write(`convgrade: ${error.message}\n`);
      if (process.env.DEBUG) process.stderr.write(`${error.stack}\n`);
      return ExitCode.HarnessError;
    }
    process.stderr.write(`convgrade: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.stderr.write(process.env.DEBUG ? `${(error as Error)?.stack}\n` : "(set DEBUG=1 for the stack trace, and please report it)\n");
    return ExitCode.HarnessError;
  }
}
