/**
 * `convgrade grade` and `convgrade gradebook merge`: batch grading from the command line. Loaded only
 * for these commands, so `check` starts no slower.
 *
 * Exit codes: 0 when every submission was graded (whatever the learners scored: scores are in the
 * gradebook); 3 when the batch completed but the harness could not grade some submissions (they are
 * marked harness-error, and grading them again is worth it); 2 for faults of the batch itself (bad
 * flags, class folder missing, invalid fixtures, gradebooks that cannot be merged).
 */

import { existsSync, realpathSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { writeClassFiles } from "../batch/class-files.js";
import { gradeClass } from "../batch/grade-class.js";
import { batchSecret } from "../batch/grading-key.js";
import { CLASS_REPORT_FILE, GRADEBOOK_FILE, mergeOutputs, REPORTS_FOLDER } from "../batch/outputs.js";
import { ResultStore } from "../batch/result-store.js";
import { parseShard } from "../batch/shard.js";
import { removeSimilarity, SIMILARITY_FILE, writeSimilarity } from "../batch/similarity.js";
import { DiskCache, defaultCacheDir } from "../cache.js";
import { ExitCode, HarnessError } from "../errors.js";
import { inline } from "../report/sanitize.js";
import { FLAG_SIMILARITY } from "../report/similarity.js";
import { similaritySection } from "../report/similarity-html.js";
import { isolation } from "../run/check.js";
import { PACKAGE_FIXTURES } from "../run/defaults.js";
import { warnIfNetworkOpen } from "./network-warning.js";
import { barProgress, lineProgress, useProgressBar } from "./progress.js";

export interface GradeFlags {
  out: string;
  fixtures?: string;
  timeout: number;
  memory: number;
  jobs?: number;
  shard?: string;
  cache: boolean;
  requireIsolation?: boolean;
  /** grade every submission again, reusing no stored result */
  regrade?: boolean;
  /** compare the submissions with each other: similarity.csv and a section of the class report */
  similarity?: boolean;
}

/** The default of --jobs: one submission per core. */
export const defaultBatchJobs = () => availableParallelism();

/** The real path of a folder that may not exist yet: its nearest existing ancestor's, and the rest. */
function realPathOf(path: string): string {
  const rest: string[] = [];
  let at = resolve(path);
  while (!existsSync(at) && dirname(at) !== at) {
    rest.unshift(basename(at));
    at = dirname(at);
  }
  return join(realpathSync(at), ...rest);
}

/** The output folder must lie outside the class folder: a student's folder of that name would own it. */
export function checkOutOutside(classDir: string, out: string): void {
  const root = realPathOf(classDir);
  const target = realPathOf(out);
  if (target === root || target.startsWith(`${root}${sep}`)) {
    throw new HarnessError("USAGE", `--out must be outside the class folder (${out} is inside ${classDir}): a submission there could own it`);
  }
}

export async function runGrade(classDir: string, flags: GradeFlags): Promise<number> {
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const out = resolve(flags.out);
  checkOutOutside(classDir, out);
  const key = batchSecret(defaultCacheDir());
  const progress = useProgressBar(process.stderr) ? await barProgress(process.stderr) : lineProgress((text) => void process.stderr.write(text));
  let started = false;
  const result = await gradeClass({
    dir: resolve(classDir),
    out,
    secret: key.secret,
    resume: !flags.regrade,
    fixturesDir: resolve(flags.fixtures ?? PACKAGE_FIXTURES),
    timeoutMs: flags.timeout,
    memoryMb: flags.memory,
    jobs: flags.jobs ?? defaultBatchJobs(),
    shard,
    exclude: [out],
    requireIsolation: flags.requireIsolation,
    // Without --no-cache, the cache check uses; with it, one private to this batch (gradeClass's default).
    cache: flags.cache ? new DiskCache(defaultCacheDir()) : undefined,
    onEvent: (event) => {
      if (event.type === "start" && !started) {
        started = true;
        warnIfNetworkOpen(isolation());
      }
      progress.onEvent(event);
    },
  }).finally(() => progress.stop());
  const store = new ResultStore(out, key.secret);
  let similarity: { section: string; line: string } | undefined;
  if (flags.similarity) {
    const began = performance.now();
    const pairs = writeSimilarity(out, resolve(classDir), result.names);
    const flagged = pairs.filter((p) => p.similarity >= FLAG_SIMILARITY).length;
    similarity = {
      section: similaritySection(pairs, result.names.length),
      line: `similarity: ${result.names.length} submissions compared in ${((performance.now() - began) / 1000).toFixed(1)} s, ${flagged} pairs flagged (${Math.round(FLAG_SIMILARITY * 100)}% alike or more): see ${SIMILARITY_FILE}`,
    };
  } else removeSimilarity(out);
  writeClassFiles(out, store, { ...result, ...(similarity ? { extraSection: similarity.section } : {}) });

  const { counts } = result;
  const total = result.names.length;
  const graded = total - result.reused;
  const shown = relative(process.cwd(), out) || ".";
  const seconds = result.durationMs / 1000;
  const rate = seconds > 0 ? (graded / seconds).toFixed(1) : "-";
  const lines = [
    `graded ${total} submissions${shard ? ` (shard ${shard.index}/${shard.count}; ${result.otherShards} in other shards)` : ""} in ${seconds.toFixed(1)} s (${rate}/s, ${result.jobs} at a time): ` +
      `${counts.pass} full marks, ${counts.fail} short of them, ${counts["harness-error"]} not graded (harness faults)`,
    flags.regrade
      ? "resume: off (--regrade): every submission graded again"
      : key.persistent
        ? `resume: ${result.reused} stored results reused, ${graded} graded (new, changed, or not reusable)`
        : `resume: off (${key.why}; set CONVGRADE_BATCH_KEY to resume): every submission graded`,
    `wrote ${shown}/${GRADEBOOK_FILE}, ${shown}/${CLASS_REPORT_FILE} and ${shown}/${REPORTS_FOLDER}/`,
  ];
  if (similarity) lines.push(similarity.line);
  for (const skipped of result.skipped) lines.push(`skipped ${inline(skipped.name)}: ${skipped.reason}`);
  for (const s of result.faults) lines.push(`not graded: ${inline(s.name)}: ${inline(s.message)}`);
  if (counts["harness-error"] > result.faults.length)
    lines.push(`not graded: ${counts["harness-error"] - result.faults.length} more (see ${shown}/${GRADEBOOK_FILE})`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return counts["harness-error"] > 0 ? ExitCode.BatchIncomplete : ExitCode.Pass;
}

export async function runMerge(folders: string[], flags: { out: string }): Promise<number> {
  const out = resolve(flags.out);
  const merged = mergeOutputs(
    folders.map((folder) => resolve(folder)),
    out,
  );
  const shown = relative(process.cwd(), out) || ".";
  process.stdout.write(
    `merged ${folders.length} gradebooks, ${merged.submissions} submissions, into ${shown}/${GRADEBOOK_FILE}${merged.html ? `, with ${shown}/${CLASS_REPORT_FILE} and ${shown}/${REPORTS_FOLDER}/` : ""}\n`,
  );
  return ExitCode.Pass;
}
