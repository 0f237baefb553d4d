/**
 * sucrase as the transpiler worker loads it: the bundle the build makes (dist/submission/sucrase.cjs),
 * compiled with the V8 code cache made beside it (scripts/build-transpiler.mjs). One module for the
 * worker and the build, so that the script the cache was made from is the very script the worker
 * compiles. V8 checks a cache against its own version, its flags and the source, and rejects any other.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";

type Sucrase = typeof import("sucrase");

/** Compiles the bundle as a CommonJS module body and runs it. */
export function loadSucrase(source: string, filename: string, cachedData?: Buffer): { sucrase: Sucrase; script: Script } {
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename, cachedData });
  const module = { exports: {} as Sucrase };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(filename), module, filename, dirname(filename));
  return { sucrase: module.exports, script };
}
