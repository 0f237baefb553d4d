/**
 * `check --watch`: grades again when a file of the submission changes, only the functions whose files
 * (or the files they import) changed; clears the screen between runs, keeps going through syntax errors
 * and harness errors, and quits on q or Ctrl-C.
 */
import { type FSWatcher, watch } from "node:fs";
import { join } from "node:path";
import type { DiskCache } from "../cache.js";
import { EXERCISES, type Exercise, type FunctionName } from "../exercises.js";
import { STATUS_MARKS } from "../report/title.js";
import type { FunctionResult, Report } from "../result.js";
import { readSubmission } from "../submission/read.js";

/** Long enough to gather the events of one save (editors write, then rename), short enough not to be felt. */
const DEBOUNCE_MS = 20;
const CLEAR = "\x1b[2J\x1b[3J\x1b[H";

/** What a watch needs from the CLI: one graded run of some functions, printed. */
export interface WatchOptions {
  dir: string;
  functions: readonly Exercise[];
  cache: DiskCache;
  /** grades these functions and prints them; returns the report (or throws a HarnessError) */
  run: (functions: readonly Exercise[], header: string) => Promise<Report>;
  /** writes to the terminal */
  write: (text: string) => void;
  /** prints a harness error and goes on watching */
  fault: (error: unknown) => void;
  input?: NodeJS.ReadStream;
}

/** The exercises (of those watched) whose file, or a file it imports, is among the changed ones. */
export function affectedBy(dir: string, changed: ReadonlySet<string>, watched: readonly Exercise[]): Exercise[] {
  return watched.filter((exercise) => {
    const reached = readSubmission(dir, [join(dir, exercise.file)]);
    return [...reached.keys()].some((file) => changed.has(file)) || changed.has(join(dir, exercise.file));
  });
}

/** One line for the functions not graded again this time, from their last results. */
export function unchangedLine(latest: ReadonlyMap<FunctionName, FunctionResult>, graded: readonly Exercise[]): string {
  const others = EXERCISES.filter((e) => latest.has(e.name) && !graded.includes(e)).map((e) => {
    const result = latest.get(e.name) as FunctionResult;
    return `${STATUS_MARKS[result.status]} ${e.name} ${result.score}/${result.maxScore}`;
  });
  return others.length ? `unchanged since the last run: ${others.join(", ")}\n` : "";
}

/** Watches until q or Ctrl-C; resolves with exit code 0 then. */
export function watchSubmission(options: WatchOptions): Promise<number> {
  const latest = new Map<FunctionName, FunctionResult>();
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const header = "convgrade is watching; it grades again when you save. Press q to quit.\n\n";
  const grade = (functions: readonly Exercise[]) => {
    running = running.then(async () => {
      if (functions.length === 0) return;
      options.write(CLEAR);
      try {
        const report = await options.run(functions, header);
        for (const result of report.functions) latest.set(result.name, result);
        const total = [...latest.values()].reduce((sum, f) => [sum[0] + f.score, sum[1] + f.maxScore], [0, 0]);
        options.write(`${unchangedLine(latest, functions)}All functions so far: ${total[0]}/${total[1]}\n`);
      } catch (error) {
        options.fault(error);
      }
    });
  };
  grade(options.functions);
  let watcher: FSWatcher;
  try {
    watcher = watch(options.dir, { recursive: true }, (_event, name) => {
      if (!name || /(^|\/)(node_modules|\.)/.test(String(name))) return;
      changed.add(join(options.dir, String(name)));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const affected = affectedBy(options.dir, changed, options.functions);
        changed.clear();
        grade(affected);
      }, DEBOUNCE_MS);
    });
  } catch (error) {
    options.fault(error);
    return Promise.resolve(2);
  }
  return new Promise((resolve) => {
    const input = options.input ?? process.stdin;
    const quit = () => {
      watcher.close();
      clearTimeout(timer);
      if (input.isTTY) input.setRawMode(false);
      input.pause();
      void running.then(() => resolve(0));
    };
    if (input.isTTY) input.setRawMode(true);
    input.setEncoding("utf8");
    input.on("data", (key: string) => {
      if (key === "q" || key === "Q" || key === "\u0003") quit();
    });
    input.on("end", quit);
    process.once("SIGINT", quit);
    input.resume();
  });
}
