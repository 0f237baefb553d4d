/**
 * Turns the submission's TypeScript into CommonJS for the sandbox. Sucrase keeps line numbers, so
 * learner stack traces point at the right line without source maps. It runs in a worker thread under
 * a time limit per file (some inputs make it run for minutes), and results are cached by content, so
 * an unchanged file costs one hash and no worker.
 */

import { extname } from "node:path";
import { Worker } from "node:worker_threads";
import { type DiskCache, hashOf } from "../cache.js";
import { TRANSPILE_LIMITS } from "../limits.js";
import type { SourceFile } from "../sandbox/protocol.js";
import { type ReadFile, readSubmission } from "./read.js";

type TransformName = "typescript" | "imports" | "jsx";
type WorkerAnswer = { id: number; code: string } | { id: number; error: { message: string; pos?: number } };

function transformsFor(file: string): TransformName[] {
  const extension = extname(file);
  if (extension === ".cjs") return [];
  if (extension === ".js" || extension === ".mjs") return ["imports"];
  if (extension === ".tsx") return ["typescript", "imports", "jsx"];
  return ["typescript", "imports"];
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
const WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "../../dist/submission/transpile-worker.js" : "./transpile-worker.js", import.meta.url);

/**
 * One worker at a time; a file over its limit terminates it, and the next file gets a new one. A batch
 * keeps one alive across submissions (sucrase is pure: nothing of one submission's stays in it), which
 * saves the worker's start-up, about 200 ms per submission.
 */
export class TranspilerPool {
  private worker: Worker | undefined;
  private nextId = 1;

  async transform(source: string, filePath: string, transforms: TransformName[], limitMs: number): Promise<WorkerAnswer | "timeout" | "failed"> {
    this.worker ??= new Worker(WORKER_URL);
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const finish = (answer: WorkerAnswer | "timeout" | "failed") => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onError);
        if (answer === "timeout" || answer === "failed") {
          void worker.terminate();
          this.worker = undefined;
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
      worker.postMessage({ id, source, filePath, transforms });
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

/** The transpiled submission, and the original sources (for code frames) by real path. */
export interface TranspiledSubmission {
  files: Record<string, SourceFile>;
  sources: Map<string, string>;
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
  limits = TRANSPILE_LIMITS,
  shared?: TranspilerPool,
): Promise<TranspiledSubmission> {
  const read = readSubmission(dir, entries);
  const files: Record<string, SourceFile> = {};
  const sources = new Map<string, string>();
  const pool = shared ?? new TranspilerPool();
  const started = performance.now();
  try {
    for (const file of read.values() as IterableIterator<ReadFile>) {
      if ("problem" in file) {
        files[file.path] = { unusable: file.problem };
        continue;
      }
      sources.set(file.path, file.source);
      const transforms = transformsFor(file.path);
      if (transforms.length === 0) {
        files[file.path] = { code: file.source };
        continue;
      }
      const key = hashOf("sucrase-3", file.path, file.source);
      const cached = cache.get("transpiled", key);
      if (cached !== undefined) {
        try {
          files[file.path] = JSON.parse(cached) as SourceFile;
          continue;
        } catch {
          // corrupt entry: transpile again
        }
      }
      const left = limits.totalMs - (performance.now() - started);
      if (left <= 0) {
        files[file.path] = { unusable: `it was not transpiled: the submission's files took more than ${limits.totalMs / 1000} s to transpile` };
        continue;
      }
      const answer = await pool.transform(file.source, file.path, transforms, Math.min(limits.perFileMs, left));
      if (answer === "timeout") {
        files[file.path] = {
          unusable: `the TypeScript transpiler gave up on it after ${Math.round(Math.min(limits.perFileMs, left))} ms (unusual syntax, such as thousands of nested '<'?)`,
        };
        continue;
      }
      if (answer === "failed") {
        files[file.path] = { unusable: "the TypeScript transpiler crashed on it" };
        continue;
      }
      const result: SourceFile = "code" in answer ? { code: answer.code } : syntaxErrorOf(answer.error, file.source);
      cache.set("transpiled", key, JSON.stringify(result));
      files[file.path] = result;
    }
  } finally {
    if (!shared) pool.close();
  }
  return { files, sources };
}
