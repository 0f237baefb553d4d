/**
 * One realm per graded function: a vm context set up by the realm bootstrap (realm/), the bridges it gets from
 * here, and the reading of what it hands back, field by field, never through its own methods.
 */

import { MAX_OUTPUT_CHUNK } from "../../limits.js";
import type { LoadFailure, SourceFile } from "../protocol.js";
import { sendOutput } from "./channel.js";
import {
  apply,
  builtinList,
  compileFunction,
  createContext,
  dirnameOf,
  hasOwn,
  isArray,
  isInteger,
  MODULE_PARAMS,
  now,
  REALM_LOCALS,
  resolvePath,
  Script,
  StringCtor,
  scriptRunInContext,
} from "./primordials.js";
import type { HostBridge, RealmApi } from "./realm/bridge.js";
import { ownData, put, thrownInfo, thrownOf } from "./wire.js";

let files: Record<string, SourceFile> = {};
/** The bootstrap, parsed once for every realm of this child. */
let bootstrapScript: import("node:vm").Script | undefined;

/** The submission's transpiled files, from the grader's init request. */
export function setFiles(next: Record<string, SourceFile>): void {
  files = next;
}

let bootstrapSource: string | undefined;

/** The source of bootstrapRealm, from the grader's hello (parsed already when the zygote prepared the same). */
export function setBootstrap(source: string): void {
  // A forked child's hello leaves it out: the zygote prepared it (prepareBootstrap).
  if (bootstrapScript && (source === bootstrapSource || source === "")) return;
  bootstrapSource = source;
  bootstrapScript = new Script(`(${source})`, { filename: "convgrade:realm" });
}

/**
 * A realm made in the fork server, before any child is forked and before any learner code has run
 * anywhere: the first function a forked child loads takes it, which spares each child a context and
 * the bootstrap's run (about 10 ms). Each child has its own copy of it, as of the rest of the heap.
 */
let spare: Realm | undefined;

/**
 * In a fork server, once the child's realm is locked down: parses the bootstrap and runs it in the
 * spare realm, so that every child starts with its functions compiled and a realm ready.
 */
export function prepareBootstrap(source: string): void {
  setBootstrap(source);
  spare = makeRealm();
}

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
  realm = spare ?? makeRealm();
  spare = undefined;
  realms.set(key, realm);
  return realm;
}

function makeRealm(): Realm {
  // A null-prototype global: `this.constructor` inside must not lead back to this realm's Object.
  const context = createContext(Object.create(null), { codeGeneration: { strings: true, wasm: false } });
  const compileFailures = new Map<string, LoadFailure>();
  const host: HostBridge = {
    output(stream, text) {
      try {
        if (typeof text !== "string") return;
        sendOutput({
          type: "output",
          stream: stream === "stderr" ? "stderr" : "stdout",
          text: text.length > MAX_OUTPUT_CHUNK ? text.slice(0, MAX_OUTPUT_CHUNK) : text,
        });
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
    maxChunk: MAX_OUTPUT_CHUNK,
    locals: REALM_LOCALS.join(","),
  };
  const bootstrap = apply(scriptRunInContext, bootstrapScript, [context]) as (host: HostBridge) => RealmApi;
  const api = bootstrap(host);
  return { api: { load: api.load, call: api.call }, compileFailures };
}

/**
 * The strings of an array the realm handed back, read as own data properties by index. Never a
 * method of the array itself: learner code may have replaced Array.prototype in its realm, and a
 * callback of ours handed to it would be a way into this realm.
 */
function stringsFrom(value: unknown, max: number): string[] {
  const out: string[] = [];
  if (!isArray(value)) return out;
  const length = ownData(value, "length");
  if (typeof length !== "number" || !isInteger(length) || length < 0) return out;
  for (let i = 0; i < length && out.length < max; i++) {
    const item = ownData(value, StringCtor(i));
    if (typeof item === "string") put(out, out.length, item);
  }
  return out;
}

function stringField(record: unknown, name: string): string {
  const value = ownData(record, name);
  return typeof value === "string" ? value.slice(0, 2000) : "";
}

/** The realm's description of a load failure, rebuilt from checked fields only. */
function loadFailureOf(realm: Realm, record: unknown, fallbackFile: string): LoadFailure {
  const file = stringField(record, "file") || fallbackFile;
  switch (ownData(record, "kind")) {
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
      const exportsList = ownData(record, "exports");
      const names = stringsFrom(exportsList, 50).map((n) => n.slice(0, 100));
      return { kind: "missing-export", file, exportName: stringField(record, "exportName"), exports: names };
    }
    default:
      return { kind: "threw", file, thrown: thrownOf(ownData(record, "thrown")) };
  }
}

export type Loaded = { ok: true; fn: unknown; realm: Realm; files: string[] } | { ok: false; failure: LoadFailure };

export function loadExport(realmKey: string, file: string, exportName: string): Loaded {
  const realm = realmFor(realmKey);
  const result = realm.api.load(file, exportName);
  const loadedFiles = ownData(result, "files");
  const filesList = stringsFrom(loadedFiles, 1000).filter((f) => hasOwn(files, f));
  if (ownData(result, "ok") === true && typeof ownData(result, "fn") === "function") return { ok: true, fn: ownData(result, "fn"), realm, files: filesList };
  const failure = ownData(result, "failure");
  if (failure !== undefined) return { ok: false, failure: loadFailureOf(realm, failure, file) };
  return { ok: false, failure: { kind: "threw", file, thrown: thrownOf(ownData(result, "thrown")) } };
}
