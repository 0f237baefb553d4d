/**
 * `convgrade list`: the exercises in course order, their points, and how the last `check` of the
 * folder went (kept in the cache, so nothing is written into the learner's folder).
 */
import { resolve } from "node:path";
import { type DiskCache, hashOf } from "../cache.js";
import { EXERCISES, type FunctionName } from "../exercises.js";
import { loadFixtures } from "../fixtures/load.js";
import { STATUS_MARKS } from "../report/title.js";
import type { FunctionStatus, Report } from "../result.js";
import { resolveSubmissionDir } from "../run/check.js";

const BUCKET = "last-run";

/** What list shows of a run. */
interface LastRun {
  /** ISO time of the run */
  at: string;
  functions: { name: FunctionName; status: FunctionStatus; score: number; maxScore: number }[];
}

/** Remembers how a check of this folder went, for `list`. */
export function rememberRun(cache: DiskCache, dir: string, report: Report, at = new Date()): void {
  const run: LastRun = { at: at.toISOString(), functions: report.functions.map(({ name, status, score, maxScore }) => ({ name, status, score, maxScore })) };
  const previous = lastRun(cache, dir);
  // A check of some functions keeps what earlier checks said of the others.
  const kept = previous?.functions.filter((f) => !run.functions.some((g) => g.name === f.name)) ?? [];
  cache.set(BUCKET, hashOf(dir), JSON.stringify({ ...run, functions: [...kept, ...run.functions] }));
}

function lastRun(cache: DiskCache, dir: string): LastRun | undefined {
  try {
    const text = cache.get(BUCKET, hashOf(dir));
    return text ? (JSON.parse(text) as LastRun) : undefined;
  } catch {
    return undefined;
  }
}

/** The lines of `convgrade list`. */
export async function listExercises(dirFlag: string, fixturesDir: string, cache: DiskCache): Promise<string> {
  const dir = resolveSubmissionDir(resolve(dirFlag));
  const fixtures = await loadFixtures(fixturesDir, undefined, cache);
  const run = lastRun(cache, dir);
  const lines = EXERCISES.map((exercise, k) => {
    const fixture = fixtures.find((f) => f.exercise.name === exercise.name);
    const points = fixture ? [...fixture.cases, ...fixture.gradientChecks].reduce((sum, c) => sum + c.points, 0) : 0;
    const last = run?.functions.find((f) => f.name === exercise.name);
    const status = last ? `${STATUS_MARKS[last.status]} ${last.status} ${last.score}/${last.maxScore}` : "not checked yet";
    return `${String(k + 1).padStart(2)}. ${exercise.snakeName.padEnd(26)} ${exercise.file.padEnd(28)} ${String(points).padStart(3)} points  ${status}`;
  });
  const when = run ? `last check: ${run.at.replace("T", " ").slice(0, 16)} UTC` : "no check of this folder yet (or the cache is off)";
  return `${lines.join("\n")}\n\n${when}\n`;
}
