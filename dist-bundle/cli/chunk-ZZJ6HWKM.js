import {
  readSubmission
} from "./chunk-PIAGEL3G.js";
import {
  TRANSPILE_LIMITS
} from "./chunk-MSXFVK3B.js";

// src/submission/transpile.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { createRequire } from "node:module";
import { extname } from "node:path";
import { Worker } from "node:worker_threads";

// src/cache.ts
import { createHash, randomBytes } from "node:crypto";
import { closeSync, constants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var CACHE_VERSION = "2";
var MAX_ENTRY_BYTES = 64 << 20;
var HEADER_TAG = `convgrade-cache-${CACHE_VERSION} `;
var HEADER_LENGTH = HEADER_TAG.length + 64 + 1;
var O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
var O_NONBLOCK = constants.O_NONBLOCK ?? 0;
var uid = process.getuid?.();
function hashOf(...parts) {
  const hash = createHash("sha256").update(CACHE_VERSION);
  for (const part of parts) hash.update("\0").update(part);
  return hash.digest("hex");
}
function defaultCacheDir(cwd = process.cwd()) {
  if (process.env.CONVGRADE_CACHE_DIR) return process.env.CONVGRADE_CACHE_DIR;
  const modules = join(cwd, "node_modules");
  if (existsSync(modules)) return join(modules, ".cache", "convgrade");
  return join(tmpdir(), `convgrade-cache-${uid ?? "user"}`);
}
function ownedAndPrivate(stats) {
  if (uid === void 0) return true;
  return stats.uid === uid && (stats.mode & 18) === 0;
}
function privateDir(dir) {
  try {
    mkdirSync(dir, { recursive: true, mode: 448 });
    const stats = lstatSync(dir);
    return stats.isDirectory() && ownedAndPrivate(stats);
  } catch {
    return false;
  }
}
function entryHash(bucket, key, payload) {
  return createHash("sha256").update(`${bucket}\0${key}\0`).update(payload).digest("hex");
}
var DiskCache = class {
  constructor(dir) {
    this.dir = dir;
    this.root = dir === void 0 ? null : void 0;
  }
  dir;
  /** undefined: not checked yet; null: not usable for this run */
  root;
  buckets = /* @__PURE__ */ new Map();
  /** The bucket's folder, checked once per run, or undefined when the cache is off or unsafe. */
  folder(bucket) {
    if (this.root === void 0) this.root = privateDir(this.dir) ? this.dir : null;
    if (this.root === null) return void 0;
    const folder = join(this.root, bucket);
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, privateDir(folder));
    return this.buckets.get(bucket) ? folder : void 0;
  }
  get(bucket, key) {
    const folder = this.folder(bucket);
    if (!folder) return void 0;
    let fd;
    try {
      fd = openSync(join(folder, key), constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
      const stats = fstatSync(fd);
      if (!stats.isFile() || !ownedAndPrivate(stats) || stats.size > MAX_ENTRY_BYTES) return void 0;
      const entry = readFileSync(fd);
      const header = entry.subarray(0, HEADER_LENGTH).toString("latin1");
      const payload = entry.subarray(HEADER_LENGTH);
      if (header !== `${HEADER_TAG}${entryHash(bucket, key, payload)}
`) return void 0;
      return payload.toString("utf8");
    } catch {
      return void 0;
    } finally {
      if (fd !== void 0) closeSync(fd);
    }
  }
  set(bucket, key, value) {
    const folder = this.folder(bucket);
    if (!folder) return;
    const temporary = join(folder, `${key}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    let fd;
    try {
      const payload = Buffer.from(value, "utf8");
      fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 384);
      writeFileSync(fd, Buffer.concat([Buffer.from(`${HEADER_TAG}${entryHash(bucket, key, payload)}
`, "latin1"), payload]));
      closeSync(fd);
      fd = void 0;
      renameSync(temporary, join(folder, key));
    } catch {
      if (fd !== void 0) closeSync(fd);
      rmSync(temporary, { force: true });
    }
  }
};

// src/submission/transpile.ts
function transformsFor(file) {
  const extension = extname(file);
  if (extension === ".cjs") return [];
  if (extension === ".js" || extension === ".mjs") return ["imports"];
  if (extension === ".tsx") return ["typescript", "imports", "jsx"];
  return ["typescript", "imports"];
}
function transformOptions(file) {
  const transforms = transformsFor(file);
  return { transforms, disableESTransforms: true, production: true, ...transforms.includes("jsx") ? { filePath: file } : {} };
}
var sucraseVersion;
function transpilerVersion() {
  if (sucraseVersion === void 0) {
    try {
      const file = createRequire(import.meta.url).resolve("sucrase/package.json");
      const { version } = JSON.parse(readFileSync2(file, "utf8"));
      sucraseVersion = typeof version === "string" ? version : null;
    } catch {
      sucraseVersion = null;
    }
  }
  return sucraseVersion;
}
function transpileKey(source, options) {
  const version = transpilerVersion();
  return version === null ? void 0 : hashOf("sucrase", version, JSON.stringify(options), source);
}
function syntaxErrorOf(error, source) {
  const message = error.message.replace(/^Error transforming [^:]+: /, "").replace(/ \(\d+:\d+\)$/, "");
  if (typeof error.pos !== "number") return { syntaxError: { message } };
  const before = source.slice(0, error.pos);
  const line = before.split("\n").length;
  const column = error.pos - before.lastIndexOf("\n");
  return { syntaxError: { message, line, column } };
}
var WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "../../dist/submission/transpile-worker.js" : "./transpile-worker.js", import.meta.url);
var TranspilerPool = class {
  /** `workerUrl`: the worker's script, for tests (one that loads slowly) */
  constructor(workerUrl = WORKER_URL) {
    this.workerUrl = workerUrl;
  }
  workerUrl;
  worker;
  /** settles true once the worker has loaded the transpiler, false if it could not */
  started;
  nextId = 1;
  /** time spent waiting for workers to load the transpiler: the harness's, not counted against a file */
  startupMs = 0;
  /** The worker, loaded: its start-up (hundreds of milliseconds on a busy machine) is not the file's time. */
  async ready() {
    if (!this.worker) {
      const worker2 = new Worker(this.workerUrl);
      this.worker = worker2;
      const began = performance.now();
      this.started = new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), TRANSPILE_LIMITS.workerStartMs);
        const settle = (ok) => {
          clearTimeout(timer);
          worker2.off("message", onReady);
          resolve(ok);
        };
        const onReady = (message) => {
          if (message?.ready === true) settle(true);
        };
        worker2.on("message", onReady);
        worker2.once("error", () => settle(false));
        worker2.once("exit", () => settle(false));
      }).then((ok) => {
        this.startupMs += performance.now() - began;
        return ok;
      });
    }
    const worker = this.worker;
    if (await this.started) return worker;
    if (this.worker === worker) this.close();
    return void 0;
  }
  async transform(source, options, limitMs) {
    const worker = await this.ready();
    if (!worker) return "failed";
    const id = this.nextId++;
    return new Promise((resolve) => {
      const finish = (answer) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onError);
        if (answer === "timeout" || answer === "failed") {
          void worker.terminate();
          if (this.worker === worker) this.worker = void 0;
        }
        resolve(answer);
      };
      const onMessage = (answer) => {
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
  close() {
    void this.worker?.terminate();
    this.worker = void 0;
    this.started = void 0;
  }
};
function cachedResult(cache, key) {
  const cached = key === void 0 ? void 0 : cache.get("transpiled", key);
  if (cached === void 0) return void 0;
  try {
    return JSON.parse(cached);
  } catch {
    return void 0;
  }
}
async function transpileFile(file, cache, pool, leftMs, totalMs) {
  const options = transformOptions(file.path);
  if (options.transforms.length === 0) return { code: file.source };
  const key = transpileKey(file.source, options);
  const cached = cachedResult(cache, key);
  if (cached) return cached;
  if (leftMs <= 0) return { unusable: `it was not transpiled: the submission's files took more than ${totalMs / 1e3} s to transpile` };
  const answer = await pool.transform(file.source, options, leftMs);
  if (answer === "timeout") {
    return { unusable: `the TypeScript transpiler gave up on it after ${Math.round(leftMs)} ms (unusual syntax, such as thousands of nested '<'?)` };
  }
  if (answer === "failed") return { unusable: "the TypeScript transpiler crashed on it" };
  const result = "code" in answer ? { code: answer.code } : syntaxErrorOf(answer.error, file.source);
  if (key !== void 0) cache.set("transpiled", key, JSON.stringify(result));
  return result;
}
async function transpileSubmission(dir, entries, cache, limits = TRANSPILE_LIMITS, shared) {
  const read = readSubmission(dir, entries);
  const files = {};
  const sources = /* @__PURE__ */ new Map();
  const pool = shared ?? new TranspilerPool();
  const started = performance.now();
  const startupBefore = pool.startupMs;
  try {
    for (const file of read.values()) {
      if ("problem" in file) {
        files[file.path] = { unusable: file.problem };
        continue;
      }
      sources.set(file.path, file.source);
      const left = Math.min(limits.perFileMs, limits.totalMs - (performance.now() - started - (pool.startupMs - startupBefore)));
      files[file.path] = await transpileFile(file, cache, pool, left, limits.totalMs);
    }
  } finally {
    if (!shared) pool.close();
  }
  return { files, sources };
}

export {
  hashOf,
  defaultCacheDir,
  privateDir,
  DiskCache,
  transformOptions,
  transpileKey,
  TranspilerPool,
  transpileSubmission
};
