/**
 * Turns the submission's TypeScript into CommonJS for the sandbox. Sucrase keeps line numbers, so
 * learner stack traces point at the right line without source maps. It runs in a worker thread under
 * a time limit per file (some inputs make it run for minutes), and results are cached by content, so
 * an unchanged file costs one hash and no worker.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname } from "node:path";
import { Worker } from "node:worker_threads";
import { type DiskCache, hashOf } from "../cache.js";
import { TRANSPILE_LIMITS } from "../limits.js";
import type { SourceFile } from "../sandbox/protocol.js";
import { type ReadFile, readSubmission } from "./read.js";

type TransformName = "typescript" | "imports" | "jsx";
type WorkerAnswer = { id: number; code: string } | { id: number; error: { message: string; pos?: number } };

/** Sucrase's options for one file: everything besides the source that its output depends on. */
export interface TransformOptions {
  transforms: TransformName[];
  disableESTransforms: true;
  production: true;
  filePath?: string;
}

function transformsFor(file: string): TransformName[] {
  const extension = extname(file);
  if (extension === ".cjs") return [];
  if (extension === ".js" || extension === ".mjs") return ["imports"];
  if (extension === ".tsx") return ["typescript", "imports", "jsx"];
  return ["typescript", "imports"];
}

/**
 * The options for a file. Only the JSX transforms read the file's name (a component's display name);
 * otherwise sucrase would use it only to prefix error messages, which syntaxErrorOf strips. Left out,
 * the output depends on the content alone, so the same file in another folder (a batch's starter
 * code, a test's copy in a temporary folder) is a cache hit.
 */
export function transformOptions(file: string): TransformOptions {
  const transforms = transformsFor(file);
  return { transforms, disableESTransforms: true, production: true, ...(transforms.includes("jsx") ? { filePath: file } : {}) };
}

let sucraseVersion: string | null | undefined;

/** The installed sucrase's version, read once from its package.json (null: unreadable, so nothing is cached). */
function transpilerVersion(): string | null {
  if (sucraseVersion === undefined) {
    try {
      const file = createRequire(import.meta.url).resolve("sucrase/package.json");
      const { version } = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown };
      sucraseVersion = typeof version === "string" ? version : null;
    } catch {
      sucraseVersion = null;
    }
  }
  return sucraseVersion;
}

/**
 * The cache key of a file: its content, the transpiler's version and the options, and nothing else;
 * undefined when the version is unknown (an entry of another version must never be used).
 */
export function transpileKey(source: string, options: TransformOptions): string | undefined {
  const version = transpilerVersion();
  return version === null ? undefined : hashOf("sucrase", version, JSON.stringify(options), source);
}

function syntaxErrorOf(error: { message: string; pos?: number }, source: string): SourceFile {
  const message = error.message.replace(/^Error transforming [^:]+: /, "").replace(/ \(\d+:\d+\)$/, "");
  if (typeof error.pos !== "number") return { syntaxError: { message } };
  const before = source.slice(0, error.pos);
  const line = before.split("\n").length;
  const column = error.pos - before.lastIndexOf("\n");
  return { syntaxError: { message, line, column } };
}

// Workers do not get tsx's loader: run from source (our own tests), the built worker is used.
const WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "../../dist/submission/transpile-worker.cjs" : "./transpile-worker.cjs", import.meta.url);

/**
 * One worker at a time; a file over its limit terminates it, and the next file gets a new one. A batch
 * keeps one alive across submissions (sucrase is pure: nothing of one submission's stays in it), which
 * saves the worker's start-up, about 200 ms per submission.
 */
export class TranspilerPool {
  /** `workerUrl`: the worker's script, for tests (one that loads slowly) */
  constructor(private readonly workerUrl: URL = WORKER_URL) {}

  private worker: Worker | undefined;
  /** settles true once the worker has loaded the transpiler, false if it could not */
  private started: Promise<boolean> | undefined;
  private nextId = 1;
  /** time spent waiting for workers to load the transpiler: the harness's, not counted against a file */
  startupMs = 0;

  /** The worker, loaded: its start-up (hundreds of milliseconds on a busy machine) is not the file's time. */
  private async ready(): Promise<Worker | undefined> {
    if (!this.worker) {
      const worker = new Worker(this.workerUrl);
      this.worker = worker;
      const began = performance.now();
      this.started = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), TRANSPILE_LIMITS.workerStartMs);
        const settle = (ok: boolean) => {
          clearTimeout(timer);
          worker.off("message", onReady);
          resolve(ok);
        };
        const onReady = (message: { ready?: boolean }) => {
          if (message?.ready === true) settle(true);
        };
        worker.on("message", onReady);
        worker.once("error", () => settle(false));
        worker.once("exit", () => settle(false));
      }).then((ok) => {
        this.startupMs += performance.now() - began;
        return ok;
      });
    }
    const worker = this.worker;
    if (await this.started) return worker;
    if (this.worker === worker) this.close();
    return undefined;
  }

  /** Starts the worker now, ahead of the first file. */
  warmUp(): void {
    void this.ready();
  }

  async transform(source: string, options: TransformOptions, limitMs: number): Promise<WorkerAnswer | "timeout" | "failed"> {
    const worker = await this.ready();
    if (!worker) return "failed";
    const id = this.nextId++;
    return new Promise((resolve) => {
      const finish = (answer: WorkerAnswer | "timeout" | "failed") => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onError);
        if (answer === "timeout" || answer === "failed") {
          void worker.terminate();
          if (this.worker === worker) this.worker = undefined;
        }
        resolve(answer);
      };
      const onMessage = (answer: WorkerAnswer) => {
        if (answer.id === id) finish(answer);
      };
      const onError = () => finish("failed");
      const timer = setTimeout(() => finish("timeout"), limitMs);
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onError);
      worker.postMessage({ id, source, options });
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.started = undefined;
  }
}

/** The transpiled submission, and the original sources (for code frames) by real path. */
export interface TranspiledSubmission {
  files: Record<string, SourceFile>;
  sources: Map<string, string>;
}

/** A cached transpilation of this source, if there is one and it is readable. */
function cachedResult(cache: DiskCache, key: string | undefined): SourceFile | undefined {
  const cached = key === undefined ? undefined : cache.get("transpiled", key);
  if (cached === undefined) return undefined;
  try {
    return JSON.parse(cached) as SourceFile;
  } catch {
    return undefined; // corrupt entry: transpile again
  }
}

/** Transpiles one file in the worker within leftMs, caching what sucrase said (code or a syntax error). */
async function transpileFile(
  file: { path: string; source: string },
  cache: DiskCache,
  pool: TranspilerPool,
  leftMs: number,
  totalMs: number,
): Promise<SourceFile> {
  const options = transformOptions(file.path);
  if (options.transforms.length === 0) return { code: file.source };
  const key = transpileKey(file.source, options);
  const cached = cachedResult(cache, key);
  if (cached) return cached;
  if (leftMs <= 0) return { unusable: `it was not transpiled: the submission's files took more than ${totalMs / 1000} s to transpile` };
  const answer = await pool.transform(file.source, options, leftMs);
  if (answer === "timeout") {
    return { unusable: `the TypeScript transpiler gave up on it after ${Math.round(leftMs)} ms (unusual syntax, such as thousands of nested '<'?)` };
  }
  if (answer === "failed") return { unusable: "the TypeScript transpiler crashed on it" };
  const result: SourceFile = "code" in answer ? { code: answer.code } : syntaxErrorOf(answer.error, file.source);
  if (key !== undefined) cache.set("transpiled", key, JSON.stringify(result));
  return result;
}

/** Whether transpiling these files (readSubmission's) would need the worker: some file is not in the cache. */
export function needsTranspiler(read: ReadonlyMap<string, ReadFile>, cache: DiskCache): boolean {
  for (const file of read.values()) {
    if ("problem" in file) continue;
    const options = transformOptions(file.path);
    if (options.transforms.length === 0) continue;
    if (cachedResult(cache, transpileKey(file.source, options)) === undefined) return true;
  }
  return false;
}

/**
 * Reads the entry files and what they import (see read.ts) and transpiles them, each within
 * TRANSPILE_LIMITS. A file that cannot be read or transpiled in time fails only the functions that
 * load it.
 */
export async function transpileSubmission(
  dir: string,
  entries: readonly string[],
  cache: DiskCache,
  limits: { perFileMs: number; totalMs: number } = TRANSPILE_LIMITS,
  shared?: TranspilerPool,
): Promise<TranspiledSubmission> {
  const read = readSubmission(dir, entries);
  const files: Record<string, SourceFile> = {};
  const sources = new Map<string, string>();
  const pool = shared ?? new TranspilerPool();
  const started = performance.now();
  const startupBefore = pool.startupMs;
  try {
    for (const file of read.values() as IterableIterator<ReadFile>) {
      if ("problem" in file) {
        files[file.path] = { unusable: file.problem };
        continue;
      }
      sources.set(file.path, file.source);
      // The worker's own start-up is not the submission's time (TranspilerPool.startupMs).
      const left = Math.min(limits.perFileMs, limits.totalMs - (performance.now() - started - (pool.startupMs - startupBefore)));
      files[file.path] = await transpileFile(file, cache, pool, left, limits.totalMs);
    }
  } finally {
    if (!shared) pool.close();
  }
  return { files, sources };
}
