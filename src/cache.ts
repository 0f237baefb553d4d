/**
 * A small content-addressed cache on disk: transpiled learner files and fixture files already
 * validated. Keys are hashes of the exact input bytes, so a stale entry can never be used.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Bumped when the meaning of cached entries changes. */
const CACHE_VERSION = "1";

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
  return join(tmpdir(), `convgrade-cache-${process.getuid?.() ?? "user"}`);
}

/** A disk cache that never fails a run: unreadable or unwritable means a miss. */
export class DiskCache {
  constructor(private readonly dir: string | undefined) {}

  get(bucket: string, key: string): string | undefined {
    if (!this.dir) return undefined;
    try {
      return readFileSync(join(this.dir, bucket, key), "utf8");
    } catch {
      return undefined;
    }
  }

  set(bucket: string, key: string, value: string): void {
    if (!this.dir) return;
    try {
      const folder = join(this.dir, bucket);
      mkdirSync(folder, { recursive: true });
      // Write then rename, so a concurrent run never reads half a file.
      const temporary = join(folder, `${key}.${process.pid}.tmp`);
      writeFileSync(temporary, value);
      renameSync(temporary, join(folder, key));
    } catch {
      // a read-only install or a full disk only costs speed
    }
  }
}
