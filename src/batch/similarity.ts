/**
 * The similarity report of a batch (--similarity): reads each submission's source files the grader's
 * own way (only the files it reads: no link followed, sizes capped), compares them with Dolos (see
 * src/report/similarity.ts) with the exercise stubs as template code, and writes similarity.csv.
 * Unlike grading, this holds every submission's sources in memory at once, and compares pairs: its
 * cost grows with the class (measured in npm run bench).
 */
import { existsSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { EXERCISES } from "../exercises.js";
import { type SimilaritySource, type SimilarPair, similarPairs } from "../report/similarity.js";
import { similarityCsv } from "../report/similarity-html.js";
import { readSubmission } from "../submission/read.js";
import { writeDurable } from "./durable-file.js";

export const SIMILARITY_FILE = "similarity.csv";
/** The exercise stubs shipped with convgrade: the template every learner starts from. */
export const PACKAGE_EXERCISES = fileURLToPath(new URL("../../exercises", import.meta.url));

/** The sources the grader reads in a submission: the exercise files in course order, then what they import. */
export function submissionSources(dir: string): SimilaritySource["files"] {
  const entries = EXERCISES.map((exercise) => join(dir, exercise.file));
  const read = readSubmission(dir, entries);
  const order = (path: string) => (entries.includes(path) ? entries.indexOf(path) : entries.length);
  return [...read.values()]
    .filter((file): file is { path: string; source: string } => "source" in file)
    .sort((a, b) => order(a.path) - order(b.path) || (a.path < b.path ? -1 : 1))
    .map((file) => ({ path: relative(dir, file.path), source: file.source }));
}

/** Compares the submissions of the batch, writes similarity.csv, and returns the pairs. */
export function writeSimilarity(out: string, classDir: string, names: readonly string[], templateDir = PACKAGE_EXERCISES): SimilarPair[] {
  const template = existsSync(templateDir) ? submissionSources(templateDir) : [];
  const pairs = similarPairs(
    names.map((name) => ({ name, files: submissionSources(join(classDir, name)) })),
    template,
  );
  writeDurable(join(out, SIMILARITY_FILE), similarityCsv(pairs));
  return pairs;
}

/** Removes a similarity.csv an earlier run left: it would not match this run's gradebook. */
export function removeSimilarity(out: string): void {
  rmSync(join(out, SIMILARITY_FILE), { force: true });
}
