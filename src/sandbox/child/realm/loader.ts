/**
 * The module loader: submission files as CommonJS modules of this realm, each loaded once, importing
 * each other, node:assert and node:util, and nothing else.
 */
import type { HostBridge } from "./bridge.js";
import {
  apply,
  arrayIndexOf,
  arrayJoin,
  defineProperty,
  ErrorCtor,
  type ErrorObject,
  hasOwn,
  keys,
  MapCtor,
  mapGet,
  mapSet,
  ProxyCtor,
  push,
  ReferenceErrorCtor,
  reflectGet,
  StringCtor,
  startsWith,
  stringSlice,
  stringSplit,
  WeakSetCtor,
  weakSetAdd,
  weakSetHas,
} from "./intrinsics.js";
import { describeThrown } from "./thrown.js";

interface ModuleEntry {
  exports: unknown;
  failure?: Record<string, unknown>;
}

/** The module loader's state and its way of telling its own failures from what learner code throws. */
export function makeLoaderState(host: HostBridge, builtins: Record<string, unknown>, locals: unknown[]) {
  const genuine = new WeakSetCtor<object>();
  class LoadError extends ErrorCtor {
    failure: Record<string, unknown>;
    constructor(failure: Record<string, unknown>) {
      super(typeof failure.message === "string" ? failure.message : "the module could not be loaded");
      this.failure = failure;
      weakSetAdd(genuine, this);
    }
  }
  return {
    host,
    builtins,
    locals,
    builtinNames: stringSplit(host.builtins, ","),
    modules: new MapCtor<string, ModuleEntry>(),
    loadedFiles: [] as string[],
    LoadError,
    isGenuine: (error: unknown): error is LoadError => error instanceof LoadError && weakSetHas(genuine, error),
    withCode: (code: string, error: ErrorObject) => {
      defineProperty(error, "code", { value: code, writable: true, enumerable: false, configurable: true });
      return error;
    },
  };
}

type Loader = ReturnType<typeof makeLoaderState>;

/** The names a module exports, without the __esModule marker. */
function exportNames(exports: object): string[] {
  const names = keys(exports);
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) if (names[i] !== "__esModule") push(out, names[i]);
  return out;
}

/** A misspelled import would surface as "cannot read properties of undefined": reading a missing export throws a message that names it. */
function guardExports(exports: unknown, specifier: string): unknown {
  if (typeof exports !== "object" || exports === null) return exports;
  return new ProxyCtor(exports as object, {
    get(target, property, receiver) {
      if (typeof property === "string" && property !== "__esModule" && property !== "then" && property !== "default" && !(property in target)) {
        const has = exportNames(target);
        const quoted: string[] = [];
        for (let i = 0; i < has.length; i++) push(quoted, `'${has[i]}'`);
        const listed = has.length ? `it exports ${arrayJoin(quoted, ", ")}` : "it exports nothing";
        throw new ReferenceErrorCtor(`'${specifier}' has no export named '${property}' (${listed})`);
      }
      return reflectGet(target, property, receiver);
    },
  });
}

/** require() as learner modules see it: their own files, node:assert and node:util, nothing else. */
function requireFrom(loader: Loader, from: string, specifierValue: unknown): unknown {
  const { LoadError } = loader;
  const specifier = StringCtor(specifierValue);
  const bare = startsWith(specifier, "node:") ? stringSlice(specifier, 5) : specifier;
  if (hasOwn(loader.builtins, bare)) return loader.builtins[bare];
  const root = stringSplit(bare, "/")[0];
  if (arrayIndexOf(loader.builtinNames, root) !== -1) {
    const message = `cannot import '${specifier}': exercises run without files, network or processes; of Node's modules only 'node:assert' and 'node:util' are available`;
    throw loader.withCode("ERR_ACCESS_DENIED", new LoadError({ kind: "bad-import", file: from, specifier, message }));
  }
  if (startsWith(specifier, "./") || startsWith(specifier, "../") || startsWith(specifier, "/")) {
    const target = loader.host.resolve(from, specifier);
    if (typeof target !== "string" || target === "") {
      throw new LoadError({ kind: "bad-import", file: from, specifier, message: `cannot find '${specifier}' in the submission folder` });
    }
    return guardExports(loadModule(loader, target), specifier);
  }
  const message = `cannot import '${specifier}': exercises may import only their own files, 'node:assert' and 'node:util'`;
  throw new LoadError({ kind: "bad-import", file: from, specifier, message });
}

/** Compiles a submission file in this realm (with the locals as parameters when they do not clash), or says why not. */
function compileModule(loader: Loader, file: string): { fn: (...a: unknown[]) => unknown; withLocals: boolean } | Record<string, unknown> {
  let compiled = loader.host.compile(file, true);
  let withLocals = true;
  if (compiled === "clash") {
    // A module declaring `const Math` (say) clashes with the locals: compile it plainly.
    compiled = loader.host.compile(file, false);
    withLocals = false;
  }
  if (typeof compiled === "function") return { fn: compiled as (...a: unknown[]) => unknown, withLocals };
  if (compiled === "missing") return { kind: "missing-file", file, message: `cannot find ${file}` };
  const why = typeof compiled === "string" && startsWith(compiled, "unusable:") ? stringSlice(compiled, 9) : "it could not be compiled";
  return { kind: "unusable", file, message: `${file} cannot be loaded: ${why}` };
}

/** The arguments a module's function is called with: CommonJS's five, then the locals when it takes them. */
function moduleArguments(loader: Loader, file: string, module: { exports: unknown }, withLocals: boolean): unknown[] {
  const localRequire = (specifier: unknown) => requireFrom(loader, file, specifier);
  const args = [module.exports, localRequire, module, file, loader.host.dirname(file)];
  if (withLocals) for (let i = 0; i < loader.locals.length; i++) push(args, loader.locals[i]);
  return args;
}

/** Loads a submission file as CommonJS in this realm, once; a failure is remembered and thrown again. */
function loadModule(loader: Loader, file: string): unknown {
  const { LoadError } = loader;
  const cached = mapGet(loader.modules, file) as ModuleEntry | undefined;
  if (cached) {
    if (cached.failure) throw new LoadError(cached.failure);
    return cached.exports;
  }
  const module = { exports: {} as unknown };
  const entry: ModuleEntry = { exports: module.exports };
  mapSet(loader.modules, file, entry);
  push(loader.loadedFiles, file);
  const compiled = compileModule(loader, file);
  if (typeof compiled.fn !== "function") {
    entry.failure = compiled as Record<string, unknown>;
    throw new LoadError(entry.failure);
  }
  try {
    apply(compiled.fn as (...a: unknown[]) => unknown, module.exports, moduleArguments(loader, file, module, compiled.withLocals as boolean));
  } catch (error) {
    // A failure in an imported file is reported as that file's, not as a throw of the importer.
    entry.failure = loader.isGenuine(error) ? error.failure : { kind: "threw", file, thrown: describeThrown(error) };
    throw new LoadError(entry.failure);
  }
  entry.exports = module.exports;
  return module.exports;
}

/** RealmApi.load: the export, or why it cannot be had. */
export function loadExport(loader: Loader, file: string, exportName: string) {
  const files = loader.loadedFiles;
  try {
    const exports = loadModule(loader, file) as Record<string, unknown> | null;
    let fn: unknown;
    let names: string[] = [];
    try {
      fn = exports?.[exportName];
      names = exports ? exportNames(exports) : [];
    } catch {
      fn = undefined;
    }
    if (typeof fn === "function") return { __proto__: null, ok: true, fn, files };
    return { __proto__: null, ok: false, failure: { __proto__: null, kind: "missing-export", file, exportName, exports: names }, files };
  } catch (error) {
    if (loader.isGenuine(error)) return { __proto__: null, ok: false, failure: error.failure, files };
    return { __proto__: null, ok: false, thrown: describeThrown(error), files };
  }
}
