/**
 * Runs sucrase in a worker thread, so the grader can stop a transform that takes too long. CommonJS, and
 * sucrase from the build's bundle with its V8 code cache (see sucrase-loader.cts): the worker is on the
 * path of every check of an edited file, and this way it is ready in about half the time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parentPort } from "node:worker_threads";
import { loadSucrase } from "./sucrase-loader.cjs";

interface Job {
  id: number;
  source: string;
  /** exactly what the cache key was made of (see transformOptions in transpile.ts) */
  options: Parameters<typeof import("sucrase").transform>[1];
}

/** The build's bundle with its code cache; without a build (run from the sources), the package itself. */
function sucrase(): typeof import("sucrase") {
  const bundle = join(__dirname, "sucrase.cjs");
  let source: string;
  try {
    source = readFileSync(bundle, "utf8");
  } catch {
    return require("sucrase") as typeof import("sucrase");
  }
  let cache: Buffer | undefined;
  try {
    cache = readFileSync(join(__dirname, "sucrase.cache"));
  } catch {
    cache = undefined; // compiled without it
  }
  return loadSucrase(source, bundle, cache).sucrase;
}

const { transform } = sucrase();

parentPort?.on("message", (job: Job) => {
  try {
    const { code } = transform(job.source, job.options);
    parentPort?.postMessage({ id: job.id, code });
  } catch (error) {
    const e = error as { message?: unknown; pos?: unknown };
    parentPort?.postMessage({ id: job.id, error: { message: String(e?.message ?? error), pos: typeof e?.pos === "number" ? e.pos : undefined } });
  }
});

// Loaded: the grader starts a file's time limit only from here.
parentPort?.postMessage({ ready: true });
