/**
 * Grades a class: every submission folder with its own check (fresh sandboxes), several at once.
 * Returns data and never prints; progress goes to the onEvent callback. A harness fault while
 * grading one submission is recorded as that submission's "harness-error", never as its zero, and
 * the batch goes on; faults of the batch itself (a bad class folder, invalid fixtures, bad limits)
 * are thrown before any submission runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { DiskCache } from "../cache.js";
import { HarnessError } from "../errors.js";
import type { Exercise } from "../exercises.js";
import { loadFixtures } from "../fixtures/load.js";
import type { BatchEvent, ClassResult, Report, SubmissionResult } from "../result.js";
import { type CheckOptions, check, checkLimits } from "../run/check.js";
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, PACKAGE_FIXTURES } from "../run/defaults.js";
import { TranspilerPool } from "../submission/transpile.js";
import { listClass } from "./discover.js";
import { inShard, type Shard } from "./shard.js";

export interface GradeClassOptions {
  /** the class folder: each real subfolder is one submission */
  dir: string;
  fixturesDir?: string;
  functions?: readonly Exercise[];
  timeoutMs?: number;
  memoryMb?: number;
  /** a harness error (exit 2) unless the kernel cuts the sandboxes off the network */
  requireIsolation?: boolean;
  /** submissions graded at once (default: the number of cores) */
  jobs?: number;
  /** grade only this shard of the class */
  shard?: Shard;
  /** folders inside the class folder that are not submissions (the output folder) */
  exclude?: string[];
  /** transpiled files and validated fixtures; default: a private folder for this batch, removed at the end */
  cache?: DiskCache;
  cwd?: string;
  onEvent?: (event: BatchEvent) => void;
  /** grades one submission; tests stand in for it */
  checkOne?: (options: CheckOptions) => Promise<Report>;
}

/** Grades every submission of the class folder (or of one shard) and returns the results. */
export async function gradeClass(given: GradeClassOptions): Promise<ClassResult> {
  const started = performance.now();
  const cwd = given.cwd ?? process.cwd();
  const timeoutMs = given.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryMb = given.memoryMb ?? DEFAULT_MEMORY_MB;
  const fixturesDir = given.fixturesDir ?? PACKAGE_FIXTURES;
  const jobs = Math.max(1, given.jobs ?? availableParallelism());
  checkLimits({ memoryMb, timeoutMs, requireIsolation: given.requireIsolation });
  const listing = listClass(given.dir, given.exclude, cwd);
  // Without a cache given, one private to this batch: fixtures are validated once, not per submission,
  // and no other job can write into it (see the README on the cache folder).
  const ownCache = given.cache ? undefined : mkdtempSync(join(tmpdir(), "convgrade-batch-"));
  const cache = given.cache ?? new DiskCache(ownCache);
  try {
    // Invalid fixtures are the batch's fault: found here, once, before any submission runs.
    const fixtures = await loadFixtures(fixturesDir, given.functions, cache, cwd);
    const functions = fixtures.map(({ exercise, cases, gradientChecks }) => ({
      name: exercise.name,
      snakeName: exercise.snakeName,
      maxScore: [...cases, ...gradientChecks].reduce((sum, c) => sum + c.points, 0),
    }));
    const names = listing.names.filter((name) => inShard(name, given.shard));
    given.onEvent?.({ type: "start", total: names.length, jobs, functions });

    const checkOne = given.checkOne ?? check;
    const results: SubmissionResult[] = new Array(names.length);
    let next = 0;
    let done = 0;
    const gradeOne = (name: string, transpiler: TranspilerPool) =>
      gradeSubmission(join(listing.dir, name), name, transpiler, checkOne, {
        fixturesDir,
        functions: given.functions,
        timeoutMs,
        memoryMb,
        cache,
        cwd,
        requireIsolation: given.requireIsolation,
      });
    // A plain pool of workers over the list: each submission's own limits bound how long it holds one.
    // Each worker keeps its transpiler warm; sandboxes are never reused (see the README).
    const worker = async () => {
      const transpiler = new TranspilerPool();
      try {
        while (next < names.length) {
          const index = next++;
          results[index] = await gradeOne(names[index], transpiler);
          given.onEvent?.({ type: "submission", result: results[index], done: ++done, total: names.length });
        }
      } finally {
        transpiler.close();
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, names.length) }, worker));
    return {
      dir: relative(cwd, listing.dir) || ".",
      functions,
      maxScore: functions.reduce((sum, f) => sum + f.maxScore, 0),
      submissions: results,
      skipped: listing.skipped,
      otherShards: listing.names.length - names.length,
      ...(given.shard ? { shard: given.shard } : {}),
      jobs,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    if (ownCache) rmSync(ownCache, { recursive: true, force: true });
  }
}

/** Grades one submission folder; a harness error becomes that submission's result, not the batch's. */
async function gradeSubmission(
  dir: string,
  name: string,
  transpiler: TranspilerPool,
  checkOne: (options: CheckOptions) => Promise<Report>,
  shared: Omit<CheckOptions, "dir" | "jobs" | "transpiler">,
): Promise<SubmissionResult> {
  const began = performance.now();
  try {
    // One sandbox set per submission (jobs: 1): the batch is parallel across submissions instead.
    const report = await checkOne({ ...shared, dir, jobs: 1, transpiler });
    const status = report.functions.every((f) => f.status === "pass") ? "pass" : "fail";
    return { name, status, report, durationMs: Math.round(performance.now() - began) };
  } catch (error) {
    const code = error instanceof HarnessError ? error.code : "INTERNAL";
    const message = error instanceof Error ? error.message : String(error);
    return {
      name,
      status: "harness-error",
      code,
      message,
      submission: relative(shared.cwd ?? process.cwd(), dir),
      durationMs: Math.round(performance.now() - began),
    };
  }
}
