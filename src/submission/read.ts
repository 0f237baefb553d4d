/**
 * Reads a submission folder as the grader must: only regular files inside it, never through a link,
 * never a FIFO or a device, each size-capped, and only the files the exercises import. Learner code
 * gets no file system at all; what it may run is exactly what this returns.
 */
import { closeSync, constants, type Dirent, fstatSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { SUBMISSION_LIMITS } from "../limits.js";

const SOURCE_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs"]);
/** How an import names a file, tried in this order (the sandbox's loader uses the same rule). */
const SUFFIXES = ["", ".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", "/index.ts", "/index.js"];

/** A listed source file: a regular file to read, or an entry that must not be read, with why. */
export type ListedFile = { path: string; regular: true } | { path: string; regular: false; problem: string };

/** A file read from the submission, or why it could not be. */
export type ReadFile = { path: string; source: string } | { path: string; problem: string };

function isSource(name: string): boolean {
  return SOURCE_EXTENSIONS.has(extname(name)) && !name.endsWith(".d.ts");
}

/** Why a file was not listed: the folder holds more source files than are listed. */
export const TOO_MANY_FILES = `it was not read: the submission folder holds more than ${SUBMISSION_LIMITS.maxFiles} source files (convgrade lists a folder's own files before those of its subfolders)`;

/**
 * Lists source files under dir (absolute paths) without following links or reading anything: each
 * folder's own files before its subfolders', so that files at the top (the exercises) are never crowded
 * out by a folder of many. `truncated`: more were there than the limit lets be listed.
 */
export function listSubmission(dir: string): Map<string, ListedFile> & { truncated?: boolean } {
  const found: Map<string, ListedFile> & { truncated?: boolean } = new Map<string, ListedFile>();
  const walk = (folder: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => Number(a.isDirectory()) - Number(b.isDirectory()) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(folder, entry.name);
      if (found.size >= SUBMISSION_LIMITS.maxFiles && (entry.isDirectory() || isSource(entry.name))) {
        found.truncated = true;
        return;
      }
      // Dirent types come from the directory itself (lstat semantics): a link is never a folder or a file here.
      if (entry.isDirectory()) {
        if (depth < SUBMISSION_LIMITS.maxDepth) walk(path, depth + 1);
      } else if (isSource(entry.name)) {
        if (entry.isFile()) found.set(path, { path, regular: true });
        else if (entry.isSymbolicLink())
          found.set(path, { path, regular: false, problem: "it is a symbolic link; convgrade reads only regular files inside the submission folder" });
        else found.set(path, { path, regular: false, problem: "it is not a regular file (a FIFO, a device or a socket); convgrade reads only regular files" });
      }
    }
  };
  walk(dir, 0);
  return found;
}

/**
 * Reads one regular file: opened without following a link and without blocking (a FIFO would hang
 * a plain open), checked with fstat on the very descriptor read, and capped in size.
 */
export function readRegularFile(path: string, maxBytes = SUBMISSION_LIMITS.maxFileBytes): { source: string } | { problem: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === "ELOOP" ? "it is a symbolic link; convgrade reads only regular files" : `it cannot be read (${code ?? "error"})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: "it is not a regular file; convgrade reads only regular files" };
    // A hard link could be another name for a file outside the folder (a fixture, /etc/shadow).
    if (stat.nlink > 1) return { problem: "it has other hard links; convgrade reads only files that belong to the submission alone" };
    if (stat.size > maxBytes) return { problem: `it is larger than ${maxBytes} bytes` };
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > stat.size) return { problem: "it changed while being read" };
    }
    return { source: buffer.subarray(0, length).toString("utf8") };
  } catch (error) {
    return { problem: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  } finally {
    closeSync(fd);
  }
}

/** The specifiers a source names in import, export … from, import() and require() with a string literal. */
export function importedSpecifiers(source: string): string[] {
  const found = new Set<string>();
  const pattern = /\b(?:from|import|require)\s*\(?\s*(["'`])([^"'`\n]{1,300})\1/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    if (match[2].startsWith(".") || match[2].startsWith("/")) found.add(match[2]);
  }
  return [...found];
}

/** The listed file a relative import names, by the sandbox's own resolution rule. */
export function resolveImport(from: string, specifier: string, listed: ReadonlyMap<string, ListedFile>): string | undefined {
  const base = resolve(dirname(from), specifier);
  for (const suffix of SUFFIXES) if (listed.has(base + suffix)) return base + suffix;
  const swapped = base.replace(/\.(m|c)?js$/, ".$1ts");
  return swapped !== base && listed.has(swapped) ? swapped : undefined;
}

/** What is at this path, a link not followed. */
function presence(path: string): "none" | "folder" | "other" {
  try {
    return lstatSync(path).isDirectory() ? "folder" : "other";
  } catch {
    return "none";
  }
}

/**
 * Reads the entry files and everything they import, transitively; a file that nothing imports is
 * never read. Imports must name files with string literals (as TypeScript requires anyway).
 */
export function readSubmission(dir: string, entries: readonly string[]): Map<string, ReadFile> {
  const listed = listSubmission(dir);
  const read = new Map<string, ReadFile>();
  let total = 0;
  // An entry that is a folder, or one the listing stopped short of, is said so: it is not simply absent.
  for (const entry of entries) {
    if (listed.has(entry)) continue;
    const found = presence(entry);
    if (found === "folder") read.set(entry, { path: entry, problem: "it is a folder, not a file" });
    else if (found === "other" && listed.truncated) read.set(entry, { path: entry, problem: TOO_MANY_FILES });
  }
  const queue = entries.filter((entry) => listed.has(entry));
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (read.has(path)) continue;
    const entry = listed.get(path) as ListedFile;
    if (!entry.regular) {
      read.set(path, { path, problem: entry.problem });
      continue;
    }
    const result = readRegularFile(path, Math.min(SUBMISSION_LIMITS.maxFileBytes, SUBMISSION_LIMITS.maxTotalBytes - total));
    if ("problem" in result) {
      read.set(path, { path, problem: total >= SUBMISSION_LIMITS.maxTotalBytes ? "the submission's files together are too large" : result.problem });
      continue;
    }
    total += result.source.length;
    read.set(path, { path, source: result.source });
    for (const specifier of importedSpecifiers(result.source)) {
      const target = resolveImport(path, specifier, listed);
      if (target && !read.has(target)) queue.push(target);
    }
  }
  return read;
}
