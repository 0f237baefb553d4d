/**
 * A small content-addressed cache on disk: transpiled learner files and fixture files already
 * validated. Keys are hashes of the exact input bytes (a fixture's also of the validator that accepted
 * it, see src/fixtures/cache-key.ts), so a stale entry can never be used.
 *
 * A cached transpiled file is run as the learner's code, so whoever can write an entry decides a
 * grade. The cache is therefore used only in a folder private to the current user (created 0700,
 * checked with lstat: a real folder, ours, writable by nobody else), entries are opened without
 * following links and must be regular files of ours, and each one carries the SHA-256 of its bucket,
 * key and payload, so a truncated, renamed or foreign entry is a miss. Anything unexpected turns the
 * cache off for the run or makes one lookup miss; it never fails the run.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, constants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Bumped when the meaning or the format of cached entries changes. */
const CACHE_VERSION = "2";
/** An entry larger than this is not read (the largest transpiled file is far smaller). */
const MAX_ENTRY_BYTES = 64 << 20;
/** First line of every entry: this tag and the hex SHA-256 of bucket, key and payload. */
const HEADER_TAG = `convgrade-cache-${CACHE_VERSION} `;
const HEADER_LENGTH = HEADER_TAG.length + 64 + 1;

// Absent on Windows, where there are no uids or mode bits to check either.
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const uid = process.getuid?.();

/** Hex SHA-256 of the given parts, separated so that ("ab","c") and ("a","bc") differ. */
export function hashOf(...parts: (string | Buffer)[]): string {
  const hash = createHash("sha256").update(CACHE_VERSION);
  for (const part of parts) hash.update("\0").update(part);
  return hash.digest("hex");
}

/** Where the cache lives: $CONVGRADE_CACHE_DIR, else node_modules/.cache/convgrade, else the temp folder. */
export function defaultCacheDir(cwd = process.cwd()): string {
  if (process.env.CONVGRADE_CACHE_DIR) return process.env.CONVGRADE_CACHE_DIR;
  const modules = join(cwd, "node_modules");
  if (existsSync(modules)) return join(modules, ".cache", "convgrade");
  // A predictable name, so the cache survives between runs: anyone may create it first, which is why
  // privateDir checks what it finds instead of trusting it.
  return join(tmpdir(), `convgrade-cache-${uid ?? "user"}`);
}

/** Whether a file's owner and mode say that only the current user can have written it. */
function ownedAndPrivate(stats: { uid: number; mode: number }): boolean {
  if (uid === undefined) return true;
  return stats.uid === uid && (stats.mode & 0o022) === 0;
}

/**
 * Creates the folder if needed (mode 0700) and says whether it is safe to use: a real folder, not a
 * link, owned by the current user, neither group- nor world-writable.
 */
export function privateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = lstatSync(dir);
    return stats.isDirectory() && ownedAndPrivate(stats);
  } catch {
    return false;
  }
}

function entryHash(bucket: string, key: string, payload: Buffer | string): string {
  return createHash("sha256").update(`${bucket}\0${key}\0`).update(payload).digest("hex");
}

/** A disk cache that never fails a run: unreadable, unwritable or unsafe means a miss. */
export class DiskCache {
  /** undefined: not checked yet; null: not usable for this run */
  private root: string | null | undefined;
  private readonly buckets = new Map<string, boolean>();

  constructor(private readonly dir: string | undefined) {
    this.root = dir === undefined ? null : undefined;
  }

  /** The bucket's folder, checked once per run, or undefined when the cache is off or unsafe. */
  private folder(bucket: string): string | undefined {
    if (this.root === undefined) this.root = privateDir(this.dir!) ? this.dir! : null;
    if (this.root === null) return undefined;
    const folder = join(this.root, bucket);
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, privateDir(folder));
    return this.buckets.get(bucket) ? folder : undefined;
  }

  get(bucket: string, key: string): string | undefined {
    const folder = this.folder(bucket);
    if (!folder) return undefined;
    let fd: number | undefined;
    try {
      // O_NOFOLLOW: a planted link is an error, not a redirection; O_NONBLOCK: a planted FIFO cannot hang us.
      fd = openSync(join(folder, key), constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
      const stats = fstatSync(fd);
      if (!stats.isFile() || !ownedAndPrivate(stats) || stats.size > MAX_ENTRY_BYTES) return undefined;
      const entry = readFileSync(fd);
      const header = entry.subarray(0, HEADER_LENGTH).toString("latin1");
      const payload = entry.subarray(HEADER_LENGTH);
      if (header !== `${HEADER_TAG}${entryHash(bucket, key, payload)}\n`) return undefined;
      return payload.toString("utf8");
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  set(bucket: string, key: string, value: string): void {
    const folder = this.folder(bucket);
    if (!folder) return;
    // Written to a fresh file of our own, then renamed over the entry: a concurrent run never reads
    // half a file, and a link planted under either name is never followed.
    const temporary = join(folder, `${key}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    let fd: number | undefined;
    try {
      const payload = Buffer.from(value, "utf8");
      fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600);
      writeFileSync(fd, Buffer.concat([Buffer.from(`${HEADER_TAG}${entryHash(bucket, key, payload)}\n`, "latin1"), payload]));
      closeSync(fd);
      fd = undefined;
      renameSync(temporary, join(folder, key));
    } catch {
      // a read-only install or a full disk only costs speed
      if (fd !== undefined) closeSync(fd);
      rmSync(temporary, { force: true });
    }
  }
}
