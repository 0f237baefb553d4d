/**
 * What a stored result depends on, so that resume reuses it only when grading again would give the
 * same: the submission's content (the files the grader reads, found the grader's own way), the
 * fixtures, the limits and convgrade's version. And the secret that authenticates stored results.
 */
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { privateDir } from "../cache.js";
import { HarnessError } from "../errors.js";
import { EXERCISES, type Exercise } from "../exercises.js";
import { readSubmission } from "../submission/read.js";
import { packageVersion } from "../version.js";
import { readOwnFile } from "./durable-file.js";

/** The parts of a batch that every stored result must match, as one string. */
export function batchKey(options: { fixturesDir: string; functions?: readonly Exercise[]; timeoutMs: number; memoryMb: number }): string {
  return JSON.stringify({
    convgrade: packageVersion(),
    fixtures: fixturesHash(options.fixturesDir),
    functions: options.functions?.map((e) => e.name) ?? "all",
    timeoutMs: options.timeoutMs,
    memoryMb: options.memoryMb,
  });
}

/** A hash of the fixture files (the JSON files the loader reads), names and bytes. */
export function fixturesHash(dir: string): string {
  const hash = createHash("sha256");
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort();
  for (const name of names)
    hash.update(`${name}\0`).update(
      createHash("sha256")
        .update(readFileSync(join(dir, name)))
        .digest(),
    );
  return hash.digest("hex");
}

/**
 * A hash of the files the grader reads in a submission: the exercise files and what they import, read
 * by the grader's own reader (links, FIFOs and oversized files are recorded as such, never read).
 * Anything else in the folder (a README, a stored result a learner planted) changes nothing.
 */
export function submissionHash(dir: string): string {
  const read = readSubmission(
    dir,
    EXERCISES.map((exercise) => join(dir, exercise.file)),
  );
  const hash = createHash("sha256");
  for (const [path, file] of [...read].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const body = "source" in file ? `source\0${file.source}` : `problem\0${file.problem}`;
    hash.update(`${relative(dir, path)}\0`).update(createHash("sha256").update(body, "utf8").digest());
  }
  return hash.digest("hex");
}

export const KEY_FILE = "batch-key";
const KEY_BYTES = 32;

/**
 * The secret that authenticates stored results: CONVGRADE_BATCH_KEY when set (a CI secret, so that a
 * runner can resume from an output folder another one left), else a random key kept in convgrade's
 * private folder (the cache folder: a real folder of this user, mode 0700), made on first use. Returns
 * undefined when there is no such folder: resume is then off, and a key for this run alone is used.
 */
export function batchSecret(folder: string, env: NodeJS.ProcessEnv = process.env): { secret: Buffer; persistent: boolean; why?: string } {
  const given = env.CONVGRADE_BATCH_KEY;
  if (given !== undefined) {
    if (given.length < 32) throw new HarnessError("USAGE", "CONVGRADE_BATCH_KEY must have at least 32 characters (a random secret)");
    return { secret: Buffer.from(given, "utf8"), persistent: true };
  }
  if (!privateDir(folder)) return { secret: randomBytes(KEY_BYTES), persistent: false, why: `${folder} is not a private folder of this user` };
  const path = join(folder, KEY_FILE);
  const existing = readKey(path);
  if (existing) return { secret: existing, persistent: true };
  try {
    writeFileSync(path, randomBytes(KEY_BYTES), { flag: "wx", mode: 0o600 });
  } catch {
    // another batch made it first, or the folder is read-only: read what is there
  }
  const made = readKey(path);
  return made ? { secret: made, persistent: true } : { secret: randomBytes(KEY_BYTES), persistent: false, why: `${path} cannot be made or is not private` };
}

/** The key file's bytes, if it is a regular file of this user that no one else can read or write. */
function readKey(path: string): Buffer | undefined {
  const uid = process.getuid?.();
  const key = readOwnFile(path, KEY_BYTES, (stats) => stats.size === KEY_BYTES && (uid === undefined || (stats.uid === uid && (stats.mode & 0o077) === 0)));
  return key?.length === KEY_BYTES ? key : undefined;
}
