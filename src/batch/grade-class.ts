/**
 * Grades a class: every submission folder with its own check (fresh sandboxes), several at once.
 * Returns data and never prints; progress goes to the onEvent callback. A harness fault while
 * grading one submission is recorded as that submission's "harness-error", never as its zero, and
 * the batch goes on; faults of the batch itself (a bad class folder, invalid fixtures, bad limits)
 * are thrown before any submission runs.
 *
 * Each result is stored in the output folder the moment it is graded (its report, then its stored
 * result: see result-store.ts), and nothing of it is kept in memory: the gradebook and the class
 * report are built from the stored results afterwards (class-files.ts). A submission whose stored
 * result is still valid (same files, fixtures, limits and convgrade) is not graded again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { DiskCache } from "../cache.js";
import { HarnessError } from "../errors.js";
import type { Exercise } from "../exercises.js";
import { loadFixtures } from "../fixtures/load.js";
import { type SubmissionSummary, summarize } from "../report/submission-summary.js";
import type { BatchEvent, GradedFunction, Report, SubmissionResult } from "../result.js";
import { type CheckOptions, check, checkLimits } from "../run/check.js";
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, PACKAGE_FIXTURES } from "../run/defaults.js";
import { TranspilerPool } from "../submission/transpile.js";
import { listClass } from "./discover.js";
import { writeDurable } from "./durable-file.js";
import { batchKey, submissionHash } from "./grading-key.js";
import { prepareOutput, REPORTS_FOLDER, submissionJson } from "./outputs.js";
import { reportFileName } from "./report-name.js";
import { ResultStore, sha256 } from "./result-store.js";
import { inShard, type Shard } from "./shard.js";

export interface GradeClassOptions {
  /** the class folder: each real subfolder is one submission */
  dir: string;
  /** the output folder: reports/, the stored results, later the gradebook and class report */
  out: string;
  /** authenticates the stored results (see grading-key.ts batchSecret) */
  secret: Buffer;
  /** false: grade every submission again, whatever is stored (default true) */
  resume?: boolean;
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
  /** grades one submission; tests and the benchmark stand in for it */
  checkOne?: (options: CheckOptions) => Promise<Report>;
}

/** A graded class, as counts: the results themselves are in the output folder. */
export interface BatchResult {
  /** the class folder, relative to the working folder */
  dir: string;
  functions: GradedFunction[];
  maxScore: number;
  /** the batch key every stored result of this batch carries */
  batch: string;
  /** the submissions of this batch (this shard), in name order */
  names: string[];
  counts: Record<SubmissionSummary["status"], number>;
  /** how many stored results were reused rather than graded again */
  reused: number;
  /** the first harness faults (name and message), for the summary */
  faults: { name: string; message: string }[];
  skipped: { name: string; reason: string }[];
  /** submissions of the class left to other shards */
  otherShards: number;
  shard?: Shard;
  jobs: number;
  durationMs: number;
}

/** How many harness faults a BatchResult names (the gradebook has them all). */
const FAULTS_NAMED = 50;

/** Grades every submission of the class folder (or of one shard), storing each result as it is graded. */
export async function gradeClass(given: GradeClassOptions): Promise<BatchResult> {
  const started = performance.now();
  const cwd = given.cwd ?? process.cwd();
  const timeoutMs = given.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryMb = given.memoryMb ?? DEFAULT_MEMORY_MB;
  const fixturesDir = given.fixturesDir ?? PACKAGE_FIXTURES;
  const jobs = Math.max(1, given.jobs ?? availableParallelism());
  const resume = given.resume ?? true;
  checkLimits({ memoryMb, timeoutMs, requireIsolation: given.requireIsolation });
  const listing = listClass(given.dir, given.exclude, cwd);
  // Without a cache given, one private to this batch: fixtures are validated once, not per submission,
  // and no other job can write into it (see the README on the cache folder).
  const ownCache = given.cache ? undefined : mkdtempSync(join(tmpdir(), "convgrade-batch-"));
  const cache = given.cache ?? new DiskCache(ownCache);
  try {
    // Invalid fixtures are the batch's fault: found here, once, before any submission runs or any file is written.
    const functions = gradedFunctions(await loadFixtures(fixturesDir, given.functions, cache, cwd));
    const batch = batchKey({ fixturesDir, functions: given.functions, timeoutMs, memoryMb });
    prepareOutput(given.out);
    const store = new ResultStore(given.out, given.secret);
    const names = listing.names.filter((name) => inShard(name, given.shard));
    given.onEvent?.({ type: "start", total: names.length, jobs, functions });

    const counts = { pass: 0, fail: 0, "harness-error": 0 };
    const faults: BatchResult["faults"] = [];
    let reused = 0;
    let next = 0;
    let done = 0;
    const context: SubmissionContext = {
      classDir: listing.dir,
      out: given.out,
      store,
      batch,
      resume,
      checkOne: given.checkOne ?? check,
      shared: { fixturesDir, functions: given.functions, timeoutMs, memoryMb, cache, cwd, requireIsolation: given.requireIsolation },
    };
    const one = async (name: string, transpiler: TranspilerPool) => {
      const { summary, reused: wasReused, durationMs } = await gradeOrReuse(name, transpiler, context);
      counts[summary.status]++;
      if (summary.status === "harness-error" && faults.length < FAULTS_NAMED) faults.push({ name: summary.name, message: summary.message });
      if (wasReused) reused++;
      given.onEvent?.({ type: "submission", summary, reused: wasReused, durationMs, done: ++done, total: names.length });
    };
    // A plain pool of workers over the list: each submission's own limits bound how long it holds one.
    // Each worker keeps its transpiler warm; sandboxes are never reused (see the README).
    const worker = async () => {
      const transpiler = new TranspilerPool();
      try {
        while (next < names.length) await one(names[next++], transpiler);
      } finally {
        transpiler.close();
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, names.length) }, worker));
    return {
      dir: relative(cwd, listing.dir) || ".",
      functions,
      maxScore: functions.reduce((sum, f) => sum + f.maxScore, 0),
      batch,
      names,
      counts,
      reused,
      faults,
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

/** The functions the fixtures grade, with their maximum scores. */
function gradedFunctions(fixtures: Awaited<ReturnType<typeof loadFixtures>>): GradedFunction[] {
  return fixtures.map(({ exercise, cases, gradientChecks }) => ({
    name: exercise.name,
    snakeName: exercise.snakeName,
    maxScore: [...cases, ...gradientChecks].reduce((sum, c) => sum + c.points, 0),
  }));
}

interface SubmissionContext {
  classDir: string;
  out: string;
  store: ResultStore;
  batch: string;
  resume: boolean;
  checkOne: (options: CheckOptions) => Promise<Report>;
  shared: Omit<CheckOptions, "dir" | "jobs" | "transpiler">;
}

/** Reuses a submission's stored result when it is still valid, else grades it and stores the result. */
async function gradeOrReuse(
  name: string,
  transpiler: TranspilerPool,
  context: SubmissionContext,
): Promise<{ summary: SubmissionSummary; reused: boolean; durationMs: number }> {
  const { store, batch } = context;
  const dir = join(context.classDir, name);
  const reportPath = join(context.out, REPORTS_FOLDER, reportFileName(name));
  const before = submissionHash(dir);
  if (context.resume) {
    const stored = store.reusable(name, batch, before, reportPath);
    if (typeof stored !== "string") return { summary: stored.summary, reused: true, durationMs: 0 };
  }
  const result = await gradeSubmission(dir, name, transpiler, context.checkOne, context.shared);
  const summary = summarize(result);
  const report = submissionJson(result);
  // The report first, then the stored result that vouches for it: a kill between the two leaves a
  // stored result whose report hash no longer matches, so that submission is graded again.
  writeDurable(reportPath, report);
  // Files changed while being graded: which version was graded is unknown, so the result is not reusable.
  const after = submissionHash(dir);
  store.write({
    name,
    batch,
    submission: after === before ? before : "",
    report: sha256(report),
    reusable: result.status !== "harness-error" && after === before,
    summary,
  });
  return { summary, reused: false, durationMs: result.durationMs };
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
