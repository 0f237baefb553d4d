/**
 * The sandbox: runs learner code in its own process under Node's permission model, with no file it
 * may read (its code comes with -e, the submission's sources over the channel). It is one
 * self-contained CommonJS file for that reason.
 *
 * Walls, outermost first: the process (permission model, empty environment, an unprivileged user when
 * the grader is root, inherited descriptors closed); this realm locked down before learner code runs
 * (no require, no process.binding or getBuiltinModule); learner code in vm contexts of its own that
 * hold no object of this realm (see realm-bootstrap.cts); answers signed with a secret learner code
 * never sees. Requests are served synchronously, so learner timers and promises never get a turn.
 */
import type { HostBridge, RealmApi } from "./realm-bootstrap.cjs";
import type { CallRequest, HelloRequest, InitRequest, LoadFailure, LoadRequest, Request, SourceFile, ThrownInfo } from "./protocol.js";

// Captured before any learner code runs.
const fs = require("node:fs") as typeof import("node:fs");
const v8 = require("node:v8") as typeof import("node:v8");
const vm = require("node:vm") as typeof import("node:vm");
const path = require("node:path") as typeof import("node:path");
const nodeModule = require("node:module") as typeof import("node:module");
const { readSync, writeSync, closeSync } = fs;
const { serialize, deserialize } = v8;
const { createContext, runInContext, compileFunction } = vm;
const { apply } = Reflect;
const { isArray } = Array;
const { isView } = ArrayBuffer;
const { getPrototypeOf, keys: objectKeys, prototype: objectPrototype, defineProperty, hasOwn, getOwnPropertyDescriptor } = Object;
const { isInteger } = Number;
const typedArraySet = Object.getPrototypeOf(Uint8Array.prototype).set as (this: Uint8Array, source: ArrayLike<number>, offset?: number) => void;
const bufferOf = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "buffer")!.get!;
const Uint8ArrayCtor = Uint8Array;
const DataViewCtor = DataView;
const dataViewGetUint32 = DataView.prototype.getUint32;
const dataViewSetUint32 = DataView.prototype.setUint32;
const StringCtor = String;
const builtinList = nodeModule.builtinModules.join(",");
const realExit = (process as unknown as { reallyExit(code?: number): never }).reallyExit.bind(process);
const sleepCell = new Int32Array(new SharedArrayBuffer(4));
const now = performance.now.bind(performance);
const resolvePath = path.resolve;
const dirnameOf = path.dirname;

const CHANNEL = 3;
const SECRET_BYTES = 16;
const MAX_OUTPUT_CHUNK = 8192;
const MAX_DEPTH = 12;
/**
 * Globals passed to each module as parameters, with the realm's own values: a vm context's global
 * object is slow to read from (it is intercepted), and numeric code reads Math and Array constantly.
 */
const REALM_LOCALS = ["Math", "Array", "Number", "Object", "Float64Array", "Float32Array", "Int32Array", "Boolean", "String", "JSON", "Error", "TypeError", "RangeError", "Infinity", "NaN", "isFinite", "isNaN", "console"];
const MODULE_PARAMS = ["exports", "require", "module", "__filename", "__dirname"];

function readExact(length: number): Uint8Array {
  const buffer = new Uint8ArrayCtor(length); // never from Buffer's shared pool, which learner code could read
  let offset = 0;
  while (offset < length) {
    let read: number;
    try {
      read = readSync(CHANNEL, buffer, offset, length - offset, null);
    } catch (error) {
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

let secret: Uint8Array = new Uint8ArrayCtor(SECRET_BYTES);

function send(message: unknown): void {
  const payload = serialize(message);
  const payloadLength = payload.length;
  const total = 4 + SECRET_BYTES + payloadLength;
  const frame = new Uint8ArrayCtor(total);
  // Nothing looked up on the frame once it holds the secret: only captured functions and own properties.
  defineProperty(frame, "byteLength", { value: total });
  defineProperty(frame, "length", { value: total });
  apply(dataViewSetUint32, new DataViewCtor(apply(bufferOf, frame, []) as ArrayBuffer), [0, payloadLength, true]);
  apply(typedArraySet, frame, [secret, 4]);
  apply(typedArraySet, frame, [payload, 4 + SECRET_BYTES]);
  let offset = 0;
  while (offset < total) {
    try {
      offset += writeSync(CHANNEL, frame, offset, total - offset, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        Atomics.wait(sleepCell, 0, 0, 1);
        continue;
      }
      throw error;
    }
  }
}

function readRequest(): Request {
  const header = readExact(4);
  const length = apply(dataViewGetUint32, new DataViewCtor(header.buffer), [0, true]) as number;
  return deserialize(readExact(length)) as Request;
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
    if (typeof error === "object" && error !== null && ("message" in error || "stack" in error)) {
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
  if (name.length > 200) name = name.slice(0, 200) + "…";
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
    if (type === "function") return { $wire: "function", name: "" };
    if (type !== "object") return { $wire: "other", description: `a ${type}` };
    if (depth > MAX_DEPTH) return { $wire: "too-deep" };
    for (let i = 0; i < ancestors.length; i++) if (ancestors[i] === node) return { $wire: "cycle" };
    try {
      if (isView(node)) {
        const view = node as unknown as ArrayLike<unknown>;
        const length = view.length;
        if (typeof length !== "number" || !isInteger(length) || length < 0) return { $wire: "other", description: "a DataView or a typed array with an odd length" };
        budget -= length;
        if (budget < 0) return { $wire: "too-large", count: length, limit: maxElements };
        const out = new Array(length);
        for (let i = 0; i < length; i++) out[i] = typeof view[i] === "bigint" ? { $wire: "other", description: "a bigint" } : view[i];
        return out;
      }
      if (isArray(node)) {
        // A Proxy's length can be anything: only a plain whole number is used.
        const length = (node as unknown[]).length;
        if (typeof length !== "number" || !isInteger(length) || length < 0) return { $wire: "unreadable", message: "an array whose length is not a whole number" };
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
      let ctor = "Object";
      if (proto === null) ctor = "null";
      else if (proto !== objectPrototype) {
        const name = proto.constructor?.name;
        ctor = typeof name === "string" ? name.slice(0, 100) : "?";
      }
      const names = objectKeys(node as object);
      if (names.length > 50) return { $wire: "other", description: `an object with ${names.length} keys` };
      const entries: [string, unknown][] = [];
      ancestors[ancestors.length] = node;
      for (let i = 0; i < names.length; i++) entries[i] = [names[i].slice(0, 200), convert((node as Record<string, unknown>)[names[i]], depth + 1)];
      ancestors.length -= 1;
      return { $wire: "object", ctor, entries };
    } catch (error) {
      return { $wire: "unreadable", message: thrownInfo(error).message };
    }
  };
  return convert(value, 0);
}

// ---- realms ----

let files: Record<string, SourceFile> = {};
let maxElements = 1_000_000;
let bootstrapSource = "";

/** Each graded function gets a realm of its own, where its modules load anew. */
interface Realm {
  api: RealmApi;
  /** why files could not be compiled in this realm, by path */
  compileFailures: Map<string, LoadFailure>;
}
const realms = new Map<string, Realm>();

function resolveLocal(from: string, specifier: string): string {
  const base = resolvePath(dirnameOf(from), specifier);
  for (const suffix of ["", ".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", "/index.ts", "/index.js"]) {
    if (hasOwn(files, base + suffix)) return base + suffix;
  }
  // TypeScript convention: "./x.js" names the source "./x.ts".
  const swapped = base.replace(/\.(m|c)?js$/, ".$1ts");
  return swapped !== base && hasOwn(files, swapped) ? swapped : "";
}

function lineOf(error: unknown, file: string): { line?: number; column?: number } {
  const stack = typeof (error as Error)?.stack === "string" ? (error as Error).stack! : "";
  const at = stack.indexOf(`${file}:`);
  if (at < 0) return {};
  const match = /^(\d+)/.exec(stack.slice(at + file.length + 1));
  return match ? { line: Number(match[1]) } : {};
}

function realmFor(key: string): Realm {
  let realm = realms.get(key);
  if (realm) return realm;
  // A null-prototype global: `this.constructor` inside must not lead back to this realm's Object.
  const context = createContext(Object.create(null), { codeGeneration: { strings: true, wasm: false } });
  const compileFailures = new Map<string, LoadFailure>();
  const host: HostBridge = {
    output(stream, text) {
      try {
        if (typeof text !== "string") return;
        send({ type: "output", stream: stream === "stderr" ? "stderr" : "stdout", text: text.length > MAX_OUTPUT_CHUNK ? text.slice(0, MAX_OUTPUT_CHUNK) : text });
      } catch {
        // never throw into learner code: an error of this realm would hand it our Function
      }
    },
    now() {
      try {
        return now();
      } catch {
        return 0;
      }
    },
    compile(fileValue, withLocals) {
      try {
        const file = StringCtor(fileValue);
        if (!hasOwn(files, file)) return "missing";
        const source = files[file];
        if ("unusable" in source) return `unusable:${source.unusable}`;
        if ("syntaxError" in source) return `unusable:syntax error: ${source.syntaxError.message}`;
        const params = withLocals ? [...MODULE_PARAMS, ...REALM_LOCALS] : MODULE_PARAMS;
        try {
          return compileFunction(source.code, params, { filename: file, parsingContext: context });
        } catch (error) {
          const message = thrownInfo(error).message;
          if (withLocals && /already been declared/.test(message)) return "clash";
          // Syntax the transpiler let through but V8 rejects (import.meta, top-level await, ...).
          compileFailures.set(file, { kind: "syntax", file, message, ...lineOf(error, file) });
          return `unusable:syntax error: ${message}`;
        }
      } catch {
        return "unusable";
      }
    },
    resolve(from, specifier) {
      try {
        return resolveLocal(StringCtor(from), StringCtor(specifier));
      } catch {
        return "";
      }
    },
    dirname(file) {
      try {
        return dirnameOf(StringCtor(file));
      } catch {
        return "/";
      }
    },
    builtins: builtinList,
    locals: REALM_LOCALS.join(","),
  };
  const bootstrap = runInContext(`(${bootstrapSource})`, context, { filename: "convgrade:realm" }) as (host: HostBridge) => RealmApi;
  const api = bootstrap(host);
  realm = { api: { load: api.load, call: api.call }, compileFailures };
  realms.set(key, realm);
  return realm;
}

/** Reads one own data property of a record the realm returned, without running learner getters. */
function field(record: unknown, name: string): unknown {
  if (typeof record !== "object" || record === null) return undefined;
  const descriptor = getOwnPropertyDescriptor(record, name);
  return descriptor && "value" in descriptor ? descriptor.value : undefined;
}

/**
 * The strings of an array the realm handed back, read as own data properties by index. Never a
 * method of the array itself: learner code may have replaced Array.prototype in its realm, and a
 * callback of ours handed to it would be a way into this realm.
 */
function stringsFrom(value: unknown, max: number): string[] {
  const out: string[] = [];
  if (!isArray(value)) return out;
  const length = field(value, "length");
  if (typeof length !== "number" || !isInteger(length) || length < 0) return out;
  for (let i = 0; i < length && out.length < max; i++) {
    const item = field(value, StringCtor(i));
    if (typeof item === "string") out[out.length] = item;
  }
  return out;
}

function stringField(record: unknown, name: string): string {
  const value = field(record, name);
  return typeof value === "string" ? value.slice(0, 2000) : "";
}

/** The realm's description of a load failure, rebuilt from checked fields only. */
function loadFailureOf(realm: Realm, record: unknown, fallbackFile: string): LoadFailure {
  const file = stringField(record, "file") || fallbackFile;
  switch (field(record, "kind")) {
    case "missing-file":
      return { kind: "missing-file", file };
    case "unusable": {
      const source = hasOwn(files, file) ? files[file] : undefined;
      if (source && "syntaxError" in source) return { kind: "syntax", file, ...source.syntaxError };
      if (source && "unusable" in source) return { kind: "unusable", file, message: source.unusable };
      return realm.compileFailures.get(file) ?? { kind: "unusable", file, message: "the file could not be compiled" };
    }
    case "bad-import":
      return { kind: "bad-import", file, specifier: stringField(record, "specifier"), message: stringField(record, "message") };
    case "missing-export": {
      const exportsList = field(record, "exports");
      const names = stringsFrom(exportsList, 50).map((n) => n.slice(0, 100));
      return { kind: "missing-export", file, exportName: stringField(record, "exportName"), exports: names };
    }
    default:
      return { kind: "threw", file, thrown: thrownInfo(field(record, "thrown")) };
  }
}

type Loaded = { ok: true; fn: unknown; realm: Realm; files: string[] } | { ok: false; failure: LoadFailure };

function loadExport(realmKey: string, file: string, exportName: string): Loaded {
  const realm = realmFor(realmKey);
  const result = realm.api.load(file, exportName);
  const loadedFiles = field(result, "files");
  const filesList = stringsFrom(loadedFiles, 1000).filter((f) => hasOwn(files, f));
  if (field(result, "ok") === true && typeof field(result, "fn") === "function") return { ok: true, fn: field(result, "fn"), realm, files: filesList };
  const failure = field(result, "failure");
  if (failure !== undefined) return { ok: false, failure: loadFailureOf(realm, failure, file) };
  return { ok: false, failure: { kind: "threw", file, thrown: thrownInfo(field(result, "thrown")) } };
}

// ---- request handlers ----

function handleLoad(request: LoadRequest): void {
  const loaded = loadExport(request.realm, request.file, request.exportName);
  if (loaded.ok) send({ type: "loaded", id: request.id, ok: true, files: loaded.files });
  else send({ type: "loaded", id: request.id, ok: false, failure: loaded.failure });
}

function handleCall(request: CallRequest): void {
  const id = request.id;
  const loaded = loadExport(request.realm, request.file, request.exportName);
  if (!loaded.ok) {
    send({ type: "item", id, index: 0, ok: false, failure: loaded.failure });
    send({ type: "done", id });
    return;
  }
  for (let index = 0; index < request.argsList.length; index++) {
    const started = now();
    const result = loaded.realm.api.call(loaded.fn, request.argsList[index]);
    if (field(result, "ok") !== true) {
      send({ type: "item", id, index, ok: false, thrown: thrownInfo(field(result, "thrown")) });
      if (request.stopOnThrow) break;
      continue;
    }
    const value = field(result, "value");
    let picked = value;
    if (request.pick !== undefined) {
      try {
        picked = isArray(value) ? (value as unknown[])[request.pick] : value;
      } catch {
        picked = value;
      }
    }
    const wire = toWire(picked, maxElements);
    const args = request.returnArgs ? toWire(field(result, "args"), maxElements) : undefined;
    send({ type: "item", id, index, ok: true, value: wire, args, ms: now() - started });
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

/** Removes every way this realm has to Node's modules and to the process, before learner code runs. */
function lockDown(): void {
  const global = globalThis as unknown as Record<string, unknown>;
  for (const name of ["require", "module", "exports", "__filename", "__dirname"]) {
    try {
      delete global[name];
    } catch {
      // not deletable: nothing reachable through it from a learner realm anyway
    }
  }
  const deny = (what: string) => () => {
    throw new Error(`${what} is not available in the sandbox`);
  };
  const names = ["getBuiltinModule", "binding", "_linkedBinding", "dlopen", "reallyExit", "_kill", "kill", "exit", "abort", "chdir", "setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups", "_debugProcess", "_debugEnd", "_startProfilerIdleNotifier", "_stopProfilerIdleNotifier", "openStdin", "setSourceMapsEnabled"];
  for (const name of names) {
    try {
      defineProperty(process, name, { value: deny(`process.${name}()`), configurable: false, writable: false });
    } catch {
      // already locked down
    }
  }
}

function main(): void {
  secret = readExact(SECRET_BYTES);
  const hello = readRequest() as HelloRequest & { bootstrap?: string };
  // Descriptors the grader's caller left open must not reach learner code.
  for (const fd of hello.closeFds ?? []) {
    try {
      if (Number.isInteger(fd) && fd > CHANNEL) closeSync(fd);
    } catch {
      // already closed
    }
  }
  bootstrapSource = typeof hello.bootstrap === "string" ? hello.bootstrap : "";
  lockDown();
  // Before any learner code: the grader starts its time limits from here.
  send({ type: "ready" });
  for (;;) {
    const request = readRequest();
    try {
      handle(request);
    } catch (error) {
      // A fault of ours (or learner code sabotaging the sandbox): answer so the grader is not left waiting.
      const id = (request as { id?: number }).id ?? 0;
      const thrown = thrownInfo(error);
      if (request.type === "load") send({ type: "loaded", id, ok: false, failure: { kind: "threw", file: request.file, thrown } });
      else if (request.type === "call") {
        send({ type: "item", id, index: 0, ok: false, thrown });
        send({ type: "done", id });
      }
    }
  }
}

main();
