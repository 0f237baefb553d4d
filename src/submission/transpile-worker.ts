/** Runs sucrase in a worker thread, so the grader can stop a transform that takes too long. */
import { parentPort } from "node:worker_threads";
import { transform } from "sucrase";
import type { TransformOptions } from "./transpile.js";

interface Job {
  id: number;
  source: string;
  /** exactly what the cache key was made of (see transformOptions) */
  options: TransformOptions;
}

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
