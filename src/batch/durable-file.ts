/**
 * Files a batch writes so that a kill at any moment leaves the old file or the whole new one: written
 * to a fresh file beside the target (created exclusively, so nothing planted there is written
 * through), flushed to the disk, then renamed over the target (a link at the target is replaced,
 * never followed). A reader never sees a torn file, whatever the moment of the kill.
 */
import { randomBytes } from "node:crypto";
import { closeSync, constants, fstatSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync, type Stats, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const TEMPORARY = /^\..+\.[0-9a-f]{16}\.tmp$/;

/** A file being written: chunks go to its temporary file; commit() puts it in place, abort() drops it. */
export class DurableFile {
  private readonly temporary: string;
  private fd: number | undefined;

  constructor(readonly path: string) {
    this.temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
    this.fd = openSync(this.temporary, "wx", 0o644);
  }

  write(text: string): void {
    if (this.fd === undefined) throw new Error(`${this.path}: written after it was closed`);
    const bytes = Buffer.from(text, "utf8");
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
  }

  /** Flushes the file (so it survives a crash of the machine too, not only of convgrade) and renames it into place. */
  commit(): void {
    if (this.fd === undefined) throw new Error(`${this.path}: committed twice`);
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
    try {
      renameSync(this.temporary, this.path);
    } catch (error) {
      rmSync(this.temporary, { force: true });
      throw error;
    }
  }

  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.temporary, { force: true });
  }
}

/** Writes a whole file durably (see DurableFile). */
export function writeDurable(path: string, text: string): void {
  const file = new DurableFile(path);
  try {
    file.write(text);
  } catch (error) {
    file.abort();
    throw error;
  }
  file.commit();
}

/** Removes the temporary files a killed batch left in a folder (hidden, random-named, never read). */
export function removeLeftovers(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (TEMPORARY.test(name)) rmSync(join(dir, name), { force: true });
}

/**
 * A regular file's bytes, opened without following a link (nor waiting on a FIFO), at most maxBytes and
 * only if `accept` takes its fstat (owner, mode); undefined otherwise.
 */
export function readOwnFile(path: string, maxBytes: number, accept: (stats: Stats) => boolean = () => true): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes || !accept(stats)) return undefined;
    const buffer = Buffer.alloc(stats.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
