/**
 * The sandbox: runs learner code in its own process under Node's permission model. It is one
 * self-contained CommonJS file because it is passed to node with -e: the child may read nothing but
 * the submission, not even its own code.
 * It serves requests synchronously, so learner timers and promises never get a turn between calls.
 */
import type { CallRequest, InitRequest, LoadFailure, LoadRequest, Request, SourceFile, ThrownInfo } from "./protocol.js";

// Captured before any learner code runs: a submission may replace globals, but not these bindings.
const fs = require("node:fs") as typeof import("node:fs");
const v8 = require("node:v8") as typeof import("node:v8");
const vm = require("node:vm") as typeof import("node:vm");
const path = require("node:path") as typeof import("node:path");
const nodeModule = require("node:module") as typeof import("node:module");
const { readSync, writeSync } = fs;
const { serialize, deserialize } = v8;
const { isArray } = Array;
const { isView } = ArrayBuffer;
const { apply } = Reflect;
const { getPrototypeOf, keys: objectKeys, prototype: objectPrototype } = Object;
const allocUnsafe = Buffer.allocUnsafe;
const bufferConcat = Buffer.concat;
const readUInt32LE = Buffer.prototype.readUInt32LE;
const writeUInt32LE = Buffer.prototype.writeUInt32LE;
const StringCtor = String;
const ConsoleCtor = (require("node:console") as typeof import("node:console")).Console;
const WritableCtor = (require("node:stream") as typeof import("node:stream")).Writable;
const builtins = new Set(nodeModule.builtinModules);
const realRequire = require;
const realExit = (process as unknown as { reallyExit(code?: number): never }).reallyExit.bind(process);
const sleepCell = new Int32Array(new SharedArrayBuffer(4));
const now = performance.now.bind(performance);

const CHANNEL = 3;
const MAX_OUTPUT_CHUNK = 8192;
const MAX_DEPTH = 12;

function readExact(length: number): Buffer {
  const buffer = allocUnsafe(length);
  let offset = 0;
  while (offset < length) {
    let read: number;
    try {
      read = readSync(CHANNEL, buffer, offset, length - offset, null);
    } catch (error) {
      // The channel turns non-blocking if learner code touches it; wait and retry.
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        Atomics.wait(sleepCell, 0, 0, 1);
        continue;
      }
      throw error;
    }
    if (read === 0) realExit(0); // the grader closed the channel
    offset += read;
  }
  return buffer;
}

function send(message: unknown): void {
  const payload = serialize(message);
  const header = allocUnsafe(4);
  apply(writeUInt32LE, header, [payload.length, 0]);
  const frame = bufferConcat([header, payload]);
  let offset = 0;
  while (offset < frame.length) {
    try {
      offset += writeSync(CHANNEL, frame, offset, frame.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        Atomics.wait(sleepCell, 0, 0, 1);
        continue;
      }
      throw error;
    }
  }
}

// Learner output travels on the channel, so the grader can tell which function printed it.
function captureStream(stream: "stdout" | "stderr"): void {
  const target = process[stream];
  const write = function (chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    let text: string;
    try {
      text = typeof chunk === "string" ? chunk : StringCtor(Buffer.isBuffer(chunk) ? chunk.toString("utf8") : chunk);
    } catch {
      text = "[unprintable output]";
    }
    if (text.length > MAX_OUTPUT_CHUNK) text = text.slice(0, MAX_OUTPUT_CHUNK);
    send({ type: "output", stream, text });
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") done();
    return true;
  };
  Object.defineProperty(target, "write", { value: write, writable: true, configurable: true });
}

function describe(value: unknown): string {
  try {
    if (typeof value === "string") return JSON.stringify(value.length > 60 ? value.slice(0, 60) + "…" : value);
    if (typeof value === "object" && value !== null) return "an object";
    return StringCtor(value);
  } catch {
    return "an unprintable value";
  }
}

function thrownInfo(error: unknown): ThrownInfo {
  let name = "Error";
  let message = "";
  let stack: string | undefined;
  try {
    if (error instanceof Error || (typeof error === "object" && error !== null && "message" in error)) {
      const e = error as Error;
      name = StringCtor(e.name ?? "Error");
      message = StringCtor(e.message ?? "");
      stack = typeof e.stack === "string" ? e.stack : undefined;
    } else {
      name = "thrown value";
      message = `threw ${describe(error)} instead of an Error`;
    }
  } catch {
    message = "threw a value that could not be read";
  }
  if (message.length > 2000) message = message.slice(0, 2000) + "…";
  if (stack && stack.length > 8000) stack = stack.slice(0, 8000);
  return { name, message, stack, notImplemented: /^not implemented/i.test(message) };
}

/** Converts a learner value into plain data, with a budget on size and depth. */
function toWire(value: unknown, maxElements: number): unknown {
  let budget = maxElements;
  const ancestors: unknown[] = [];
  const convert = (node: unknown, depth: number): unknown => {
    const type = typeof node;
    if (type === "number" || type === "boolean" || type === "undefined" || node === null) return node;
    if (type === "string") return (node as string).length > 200 ? (node as string).slice(0, 200) + "…" : node;
    if (type === "function") return { $wire: "function", name: StringCtor((node as { name?: unknown }).name ?? "") };
    if (type !== "object") return { $wire: "other", description: `a ${type}` };
    if (depth > MAX_DEPTH) return { $wire: "too-deep" };
    for (let i = 0; i < ancestors.length; i++) if (ancestors[i] === node) return { $wire: "cycle" };
    try {
      if (isView(node)) {
        const view = node as unknown as ArrayLike<unknown>;
        const length = view.length;
        if (typeof length !== "number") return { $wire: "other", description: "a DataView" };
        budget -= length;
        if (budget < 0) return { $wire: "too-large", count: length, limit: maxElements };
        const out = new Array(length);
        for (let i = 0; i < length; i++) out[i] = typeof view[i] === "bigint" ? { $wire: "other", description: "a bigint" } : view[i];
        return out;
      }
      if (isArray(node)) {
        const length = (node as unknown[]).length;
        budget -= length;
        if (budget < 0) return { $wire: "too-large", count: length, limit: maxElements };
        const out = new Array(length);
        ancestors[ancestors.length] = node;
        for (let i = 0; i < length; i++) {
          out[i] = i in (node as object) ? convert((node as unknown[])[i], depth + 1) : { $wire: "hole" };
        }
        ancestors.length -= 1;
        return out;
      }
      if (typeof (node as { then?: unknown }).then === "function") return { $wire: "promise" };
      const proto = getPrototypeOf(node);
      const ctor = proto === null ? "null" : proto === objectPrototype ? "Object" : StringCtor(proto.constructor?.name ?? "?");
      const names = objectKeys(node as object);
      if (names.length > 50) return { $wire: "other", description: `an object with ${names.length} keys` };
      const entries: [string, unknown][] = [];
      ancestors[ancestors.length] = node;
      for (let i = 0; i < names.length; i++) entries[i] = [names[i], convert((node as Record<string, unknown>)[names[i]], depth + 1)];
      ancestors.length -= 1;
      return { $wire: "object", ctor, entries };
    } catch (error) {
      return { $wire: "unreadable", message: thrownInfo(error).message };
    }
  };
  return convert(value, 0);
}

// ---- learner modules: CommonJS from the grader's transpiler, kept in memory ----

class LoadError extends Error {
  constructor(readonly failure: LoadFailure) {
    super("load failed");
  }
}

let files: Record<string, SourceFile> = {};
let maxElements = 1_000_000;

/**
 * Each graded function gets a realm of its own (a vm context with fresh globals) where its modules
 * load anew, so one function replacing Math or Array.prototype cannot change another's verdict, and
 * the order functions are graded in never matters.
 */
interface Realm {
  context: import("node:vm").Context;
  /** the realm's own values of REALM_LOCALS */
  locals: unknown[];
  /** deep-copies plain data into this realm, so arguments share no prototype with the sandbox */
  copyIn: (value: unknown) => unknown;
  modules: Map<string, { exports: unknown; failure?: LoadFailure }>;
}
const realms = new Map<string, Realm>();
/**
 * Globals passed to each module as parameters, with the realm's own values: a vm context's global
 * object is slow to read from (it is intercepted), and numeric code reads Math and Array constantly.
 */
const REALM_LOCALS = ["Math", "Array", "Number", "Object", "Float64Array", "Float32Array", "Int32Array", "Boolean", "String", "JSON", "Error", "TypeError", "RangeError", "Infinity", "NaN", "isFinite", "isNaN", "console"];
const COPY_IN = `(() => {
  const isArray = Array.isArray, keys = Object.keys;
  const copy = (v) => {
    if (isArray(v)) { const out = new Array(v.length); for (let i = 0; i < v.length; i++) out[i] = copy(v[i]); return out; }
    if (v !== null && typeof v === "object") { const out = {}; for (const k of keys(v)) out[k] = copy(v[k]); return out; }
    return v;
  };
  return copy;
})()`;

function learnerConsole(): Console {
  // A Writable's write reaches _write synchronously, so output frames stay in order with answers.
  const stream = (name: "stdout" | "stderr") =>
    new WritableCtor({
      decodeStrings: false,
      write(chunk: unknown, _encoding: string, done: () => void) {
        let text = typeof chunk === "string" ? chunk : StringCtor(chunk);
        if (text.length > MAX_OUTPUT_CHUNK) text = text.slice(0, MAX_OUTPUT_CHUNK);
        send({ type: "output", stream: name, text });
        done();
      },
    });
  return new ConsoleCtor({ stdout: stream("stdout"), stderr: stream("stderr"), colorMode: false });
}

function realmFor(key: string): Realm {
  let realm = realms.get(key);
  if (!realm) {
    const context = vm.createContext({
      console: learnerConsole(),
      process,
      Buffer,
      structuredClone,
      performance,
      TextEncoder,
      TextDecoder,
      URL,
      URLSearchParams,
      atob,
      btoa,
      queueMicrotask,
      setTimeout,
      setInterval,
      setImmediate,
      clearTimeout,
      clearInterval,
      clearImmediate,
    });
    vm.runInContext("globalThis.global = globalThis;", context);
    const locals = vm.runInContext(`[${REALM_LOCALS.join(", ")}]`, context) as unknown[];
    realm = { context, locals, copyIn: vm.runInContext(COPY_IN, context), modules: new Map() };
    realms.set(key, realm);
  }
  return realm;
}
const SUFFIXES = ["", ".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", "/index.ts", "/index.js"];

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  for (const suffix of SUFFIXES) if (base + suffix in files) return base + suffix;
  // TypeScript convention: "./x.js" names the source "./x.ts".
  const swapped = base.replace(/\.(m|c)?js$/, ".$1ts");
  if (swapped !== base && swapped in files) return swapped;
  return undefined;
}

function requireFrom(realm: Realm, from: string, specifier: string): unknown {
  const bare = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  if (builtins.has(bare)) return realRequire(specifier);
  if (specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/")) {
    const target = resolveLocal(from, specifier);
    if (target === undefined) {
      throw new LoadError({ kind: "bad-import", file: from, specifier, message: `cannot find '${specifier}' in the submission folder` });
    }
    return guardExports(loadModule(realm, target), specifier);
  }
  throw new LoadError({
    kind: "bad-import",
    file: from,
    specifier,
    message: `cannot import '${specifier}': exercises may import only their own files and Node's built-in modules`,
  });
}

/**
 * A misspelled import would otherwise surface as "cannot read properties of undefined" deep in the
 * transpiled code; reading a missing export of a learner module throws a message that names it.
 */
function guardExports(exports: unknown, specifier: string): unknown {
  if (typeof exports !== "object" || exports === null) return exports;
  return new Proxy(exports as object, {
    get(target, property, receiver) {
      if (typeof property === "string" && property !== "__esModule" && property !== "then" && !(property in target)) {
        const has = objectKeys(target).filter((name) => name !== "__esModule");
        throw new ReferenceError(
          `'${specifier}' has no export named '${property}' (${has.length ? `it exports ${has.map((n) => `'${n}'`).join(", ")}` : "it exports nothing"})`,
        );
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

function loadModule(realm: Realm, file: string): unknown {
  const moduleCache = realm.modules;
  const cached = moduleCache.get(file);
  if (cached) {
    if (cached.failure) throw new LoadError(cached.failure);
    return cached.exports;
  }
  const source = files[file];
  if (!source) throw new LoadError({ kind: "missing-file", file });
  if ("syntaxError" in source) {
    const failure: LoadFailure = { kind: "syntax", file, ...source.syntaxError };
    moduleCache.set(file, { exports: undefined, failure });
    throw new LoadError(failure);
  }
  const module = { exports: {} as unknown };
  const entry: { exports: unknown; failure?: LoadFailure } = { exports: module.exports };
  moduleCache.set(file, entry);
  let compiled: (...args: unknown[]) => unknown;
  let withLocals = true;
  const compile = (names: string[]) =>
    vm.compileFunction(source.code, ["exports", "require", "module", "__filename", "__dirname", ...names], {
      filename: file,
      parsingContext: realm.context,
    }) as (...args: unknown[]) => unknown;
  try {
    try {
      compiled = compile(REALM_LOCALS);
    } catch (error) {
      // A module declaring `const Math` (say) clashes with the locals: compile it plainly.
      if (!(error instanceof SyntaxError) || !/already been declared/.test(error.message)) throw error;
      withLocals = false;
      compiled = compile([]);
    }
  } catch (error) {
    // Syntax the transpiler let through but V8 rejects (import.meta, top-level await, ...).
    entry.failure = { kind: "syntax", file, message: thrownInfo(error).message, ...lineOf(error as Error, file) };
    throw new LoadError(entry.failure);
  }
  try {
    const localRequire = (specifier: string) => requireFrom(realm, file, specifier);
    const base = [module.exports, localRequire, module, file, path.dirname(file)];
    apply(compiled, module.exports, withLocals ? [...base, ...realm.locals] : base);
  } catch (error) {
    // A failure in an imported file is reported as that file's, not as a throw of the importer.
    entry.failure = error instanceof LoadError ? error.failure : { kind: "threw", file, thrown: thrownInfo(error) };
    throw new LoadError(entry.failure);
  }
  entry.exports = module.exports;
  return module.exports;
}

function lineOf(error: Error, file: string): { line?: number; column?: number } {
  const match = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+)`).exec(error.stack ?? "");
  return match ? { line: Number(match[1]) } : {};
}

function loadExport(realm: Realm, file: string, exportName: string): (...args: unknown[]) => unknown {
  const exports = loadModule(realm, file) as Record<string, unknown> | null;
  let fn: unknown;
  let names: string[] = [];
  try {
    fn = exports?.[exportName];
    names = exports ? objectKeys(exports).filter((name) => name !== "__esModule") : [];
  } catch {
    fn = undefined;
  }
  if (typeof fn !== "function") {
    throw new LoadError({ kind: "missing-export", file, exportName, exports: names });
  }
  return fn as (...args: unknown[]) => unknown;
}

// ---- request handlers ----

function handleLoad(request: LoadRequest): void {
  try {
    loadExport(realmFor(request.realm), request.file, request.exportName);
    send({ type: "loaded", id: request.id, ok: true });
  } catch (error) {
    const failure = error instanceof LoadError ? error.failure : { kind: "threw", file: request.file, thrown: thrownInfo(error) };
    send({ type: "loaded", id: request.id, ok: false, failure });
  }
}

function handleCall(request: CallRequest): void {
  const id = request.id;
  let fn: (...args: unknown[]) => unknown;
  const realm = realmFor(request.realm);
  try {
    fn = loadExport(realm, request.file, request.exportName);
  } catch (error) {
    const failure = error instanceof LoadError ? error.failure : { kind: "threw", file: request.file, thrown: thrownInfo(error) };
    send({ type: "item", id, index: 0, ok: false, failure });
    send({ type: "done", id });
    return;
  }
  for (let index = 0; index < request.argsList.length; index++) {
    // A private copy, made of the realm's own arrays and objects.
    const args = realm.copyIn(request.argsList[index]) as unknown[];
    let value: unknown;
    const started = now();
    try {
      value = apply(fn, undefined, args);
    } catch (error) {
      send({ type: "item", id, index, ok: false, thrown: thrownInfo(error) });
      if (request.stopOnThrow) break;
      continue;
    }
    let picked = value;
    if (request.pick !== undefined) {
      try {
        picked = isArray(value) ? (value as unknown[])[request.pick] : value;
      } catch {
        picked = value;
      }
    }
    const wire = toWire(picked, maxElements);
    send({ type: "item", id, index, ok: true, value: wire, args: request.returnArgs ? toWire(args, maxElements) : undefined, ms: now() - started });
  }
  send({ type: "done", id });
}

function handle(request: Request): void {
  if (request.type === "init") {
    const init = request as InitRequest;
    files = init.files;
    maxElements = init.maxElements;
  } else if (request.type === "load") handleLoad(request);
  else if (request.type === "call") handleCall(request);
}

function main(): void {
  // Before any learner code: the grader starts its time limits from here.
  send({ type: "ready" });
  captureStream("stdout");
  captureStream("stderr");
  // Exercises have no business ending or signalling processes; make the attempt an ordinary error.
  const forbid = (what: string) => () => {
    throw new Error(`${what} is not allowed in exercises`);
  };
  process.exit = forbid("process.exit()") as typeof process.exit;
  process.abort = forbid("process.abort()") as typeof process.abort;
  process.kill = forbid("process.kill()") as typeof process.kill;
  for (const name of ["_kill", "reallyExit", "dlopen"] as const) {
    try {
      Object.defineProperty(process, name, { value: forbid(`process.${name}()`), configurable: false, writable: false });
    } catch {
      // already locked down: nothing to do
    }
  }
  for (;;) {
    const header = readExact(4);
    const length = apply(readUInt32LE, header, [0]) as number;
    const request = deserialize(readExact(length)) as Request;
    try {
      handle(request);
    } catch (error) {
      // A fault of ours (or learner code sabotaging the sandbox): answer so the grader is not left waiting.
      const id = (request as { id?: number }).id ?? 0;
      const thrown = thrownInfo(error);
      if (request.type === "load") send({ type: "loaded", id, ok: false, failure: { kind: "threw", file: request.file, thrown } });
      else {
        send({ type: "item", id, index: 0, ok: false, thrown });
        send({ type: "done", id });
      }
    }
  }
}

main();
