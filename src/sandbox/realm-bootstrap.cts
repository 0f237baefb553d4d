/**
 * The code that sets up one realm (a vm context) for learner code. It is never imported: the child
 * evaluates its source text inside the new context, so every object it creates — console, process,
 * the module loader, require, module, exports — belongs to that context. Learner code thus holds no
 * object of the child's own realm, from which it could reach the channel, Node's modules or another
 * function's realm. The child's functions it needs are passed in once and kept in closures here.
 *
 * Rules for this file: no imports, no reference to anything outside bootstrapRealm, no TypeScript
 * construct that emits helpers; capture every built-in it uses before learner code can replace it.
 */

/** What the child provides; each member returns primitives (or a function compiled in this realm) and never throws. */
export interface HostBridge {
  output(stream: string, text: string): void;
  now(): number;
  /** a submission file compiled in this realm: a function, or a string saying why not ("missing", "clash", "unusable:<why>") */
  compile(file: string, withLocals: boolean): unknown;
  /** absolute path of a relative import, "" when no submission file matches */
  resolve(from: string, specifier: string): string;
  dirname(file: string): string;
  /** Node's built-in module names, comma-separated */
  builtins: string;
  /** globals passed to each module as parameters, comma-separated */
  locals: string;
  /** characters of one piece of output */
  maxChunk: number;
}

/** What the child calls in the realm. Results are null-prototype records; the child trusts none of their contents. */
export interface RealmApi {
  load(file: string, exportName: string): { ok: boolean; fn?: unknown; failure?: Record<string, unknown>; thrown?: unknown; files?: string[] };
  call(fn: unknown, args: unknown): { ok: boolean; value?: unknown; thrown?: unknown; args: unknown };
}

export function bootstrapRealm(host: HostBridge): RealmApi {
  "use strict";
  const G = globalThis as unknown as Record<string, unknown>;
  const { apply, ownKeys } = Reflect;
  const { keys, defineProperty, getPrototypeOf, getOwnPropertyNames, freeze, is } = Object;
  const isArray = Array.isArray;
  const { isView } = ArrayBuffer;
  const StringCtor = String;
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  const ReferenceErrorCtor = ReferenceError;
  const ProxyCtor = Proxy;
  const MapCtor = Map;
  const SetCtor = Set;
  const DateCtor = Date;
  const WeakSetCtor = WeakSet;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapHas = Map.prototype.has;
  const weakAdd = WeakSet.prototype.add;
  const weakHas = WeakSet.prototype.has;
  const strSlice = String.prototype.slice;
  const strSplit = String.prototype.split;
  const strReplace = String.prototype.replace;
  const strStarts = String.prototype.startsWith;
  const strRepeat = String.prototype.repeat;
  const strIndexOf = String.prototype.indexOf;
  const arrJoin = Array.prototype.join;
  const arrIndexOf = Array.prototype.indexOf;
  const jsonStringify = JSON.stringify;
  const objToString = Object.prototype.toString;
  const fnToString = Function.prototype.toString;
  const hasOwn = Object.hasOwn;
  const typedArrayProto = getPrototypeOf(Uint8Array.prototype);
  const typedLength = Object.getOwnPropertyDescriptor(typedArrayProto, "length")!.get!;
  const hostOutput = host.output;
  const hostNow = host.now;
  const hostCompile = host.compile;
  const hostResolve = host.resolve;
  const hostDirname = host.dirname;
  const builtinNames = apply(strSplit, host.builtins, [","]) as string[];
  const localNames = apply(strSplit, host.locals, [","]) as string[];
  const call = (fn: unknown, self: unknown, ...args: unknown[]) => apply(fn as (...a: unknown[]) => unknown, self, args);
  const push = (list: unknown[], item: unknown) => defineProperty(list, list.length, { value: item, writable: true, enumerable: true, configurable: true });

  // ---- output ----
  const MAX_CHUNK = host.maxChunk;
  const emit = (stream: string, text: unknown) => {
    try {
      let s = typeof text === "string" ? text : StringCtor(text);
      if (s.length > MAX_CHUNK) s = call(strSlice, s, 0, MAX_CHUNK) as string;
      hostOutput(stream, s);
    } catch {
      // output is best effort; a failure here must not become the learner's error
    }
  };

  // A small util.inspect: numbers, strings, arrays, typed arrays, plain objects, Map, Set, errors.
  const quote = (s: string) => "'" + (call(strReplace, s, /[\\']/g, (c: string) => "\\" + c) as string) + "'";
  const inspect = (value: unknown, depth = 2): string => {
    const seen: unknown[] = [];
    const fmt = (v: unknown, level: number, indent: string): string => {
      const t = typeof v;
      if (t === "string") return level === 0 ? (v as string) : quote(v as string);
      if (t === "number") return is(v, -0) ? "-0" : StringCtor(v);
      if (t === "bigint") return StringCtor(v) + "n";
      if (t === "symbol" || t === "boolean" || v === undefined || v === null) return StringCtor(v);
      if (t === "function") {
        const name = (v as { name?: unknown }).name;
        const isClass = (call(strStarts, call(fnToString, v), "class") as boolean);
        return `[${isClass ? "class" : "Function"}${typeof name === "string" && name ? ": " + name : " (anonymous)"}]`;
      }
      if (call(arrIndexOf, seen, v) !== -1) return "[Circular]";
      if (v instanceof ErrorCtor) return typeof (v as Error).stack === "string" ? (v as Error).stack! : StringCtor(v);
      const parts: string[] = [];
      let open = "{";
      let close = "}";
      let prefix = "";
      const nested = (item: unknown) => (level >= depth && typeof item === "object" && item !== null ? (isArray(item) ? "[Array]" : "[Object]") : fmt(item, level + 1, indent + "  "));
      push(seen, v);
      try {
        if (isArray(v) || isView(v)) {
          open = "[";
          close = "]";
          const length = isArray(v) ? (v as unknown[]).length : (call(typedLength, v) as number);
          if (!isArray(v)) prefix = `${(v as { constructor?: { name?: string } }).constructor?.name ?? "TypedArray"}(${length}) `;
          const shown = length > 100 ? 100 : length;
          for (let i = 0; i < shown; i++) push(parts, nested((v as unknown[])[i]));
          if (length > shown) push(parts, `... ${length - shown} more item${length - shown > 1 ? "s" : ""}`);
        } else if (v instanceof MapCtor) {
          prefix = `Map(${(v as Map<unknown, unknown>).size}) `;
          (v as Map<unknown, unknown>).forEach((item, key) => push(parts, `${nested(key)} => ${nested(item)}`));
        } else if (v instanceof SetCtor) {
          prefix = `Set(${(v as Set<unknown>).size}) `;
          (v as Set<unknown>).forEach((item) => push(parts, nested(item)));
        } else if (v instanceof DateCtor) {
          return (v as Date).toISOString();
        } else {
          const proto = getPrototypeOf(v);
          const ctor = proto === null ? "[Object: null prototype]" : (proto.constructor?.name as string | undefined);
          if (ctor && ctor !== "Object") prefix = ctor + " ";
          for (const key of keys(v as object)) push(parts, `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key)}: ${nested((v as Record<string, unknown>)[key])}`);
        }
      } finally {
        seen.length -= 1;
      }
      if (parts.length === 0) return `${prefix}${open}${close}`;
      const flat = `${prefix}${open} ${call(arrJoin, parts, ", ")} ${close}`;
      if (flat.length + indent.length <= 76 && call(strIndexOf, flat, "\n") === -1) return flat;
      return `${prefix}${open}\n${indent}  ${call(arrJoin, parts, `,\n${indent}  `)}\n${indent}${close}`;
    };
    try {
      return fmt(value, 0, "");
    } catch {
      return "[a value that could not be printed]";
    }
  };
  const format = (...args: unknown[]): string => {
    let out = "";
    let rest = 0;
    if (typeof args[0] === "string" && args.length > 1) {
      const template = args[0];
      let next = 1;
      out = call(strReplace, template, /%[sdifjoOc%]/g, (spec: string) => {
        if (spec === "%%") return "%";
        if (next >= args.length) return spec;
        const arg = args[next++];
        switch (spec) {
          case "%s":
            return typeof arg === "string" ? arg : inspect(arg, 1);
          case "%d":
          case "%i":
            return StringCtor(spec === "%i" ? Math.trunc(Number(arg)) : Number(arg));
          case "%f":
            return StringCtor(Number(arg));
          case "%j":
            try {
              return jsonStringify(arg) as string;
            } catch {
              return "[Circular]";
            }
          case "%c":
            return "";
          default:
            return inspect(arg, 4);
        }
      }) as string;
      rest = next;
    } else if (args.length > 0) {
      out = inspect(args[0]);
      rest = 1;
    }
    for (let i = rest; i < args.length; i++) out += " " + (typeof args[i] === "string" ? (args[i] as string) : inspect(args[i]));
    return out;
  };

  let groupIndent = "";
  const line = (stream: string) => (...args: unknown[]) => {
    let text = format(...args);
    if (groupIndent) text = groupIndent + (call(strReplace, text, /\n/g, "\n" + groupIndent) as string);
    emit(stream, text + "\n");
  };
  const counts = new MapCtor<string, number>();
  const timers = new MapCtor<string, number>();
  const consoleObject = {
    log: line("stdout"),
    info: line("stdout"),
    debug: line("stdout"),
    dir: (value: unknown) => emit("stdout", inspect(value) + "\n"),
    table: line("stdout"),
    warn: line("stderr"),
    error: line("stderr"),
    trace: (...args: unknown[]) => {
      const stack = StringCtor(new ErrorCtor().stack ?? "");
      line("stderr")("Trace: " + format(...args) + call(strSlice, stack, call(strIndexOf, stack, "\n") as number));
    },
    assert: (condition: unknown, ...args: unknown[]) => {
      if (!condition) line("stderr")("Assertion failed" + (args.length ? ": " + format(...args) : ""));
    },
    group: (...args: unknown[]) => {
      if (args.length) line("stdout")(...args);
      groupIndent += "  ";
    },
    groupEnd: () => {
      groupIndent = call(strSlice, groupIndent, 2) as string;
    },
    count: (label = "default") => {
      const n = ((call(mapGet, counts, label) as number | undefined) ?? 0) + 1;
      call(mapSet, counts, label, n);
      line("stdout")(`${label}: ${n}`);
    },
    countReset: (label = "default") => void call(mapSet, counts, label, 0),
    time: (label = "default") => void call(mapSet, timers, label, hostNow()),
    timeLog: (label = "default", ...args: unknown[]) => {
      const start = call(mapGet, timers, label) as number | undefined;
      if (start !== undefined) line("stdout")(`${label}: ${(hostNow() - start).toFixed(3)}ms`, ...args);
    },
    timeEnd: (label = "default") => {
      const start = call(mapGet, timers, label) as number | undefined;
      if (start !== undefined) line("stdout")(`${label}: ${(hostNow() - start).toFixed(3)}ms`);
    },
  };
  consoleObject.table = consoleObject.log;

  // ---- process: a stand-in; exercises need no environment, files or exit ----
  const forbid = (what: string) => () => {
    throw new ErrorCtor(`${what} is not allowed in exercises`);
  };
  const writer = (stream: string) => ({
    write: (chunk: unknown, encoding?: unknown, callback?: unknown) => {
      emit(stream, chunk);
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") (done as () => void)();
      return true;
    },
    isTTY: false,
    columns: 80,
  });
  const hrtime = (previous?: [number, number]) => {
    const ns = Math.round(hostNow() * 1e6);
    let seconds = Math.floor(ns / 1e9);
    let nanos = ns % 1e9;
    if (previous) {
      seconds -= previous[0];
      nanos -= previous[1];
      if (nanos < 0) {
        seconds -= 1;
        nanos += 1e9;
      }
    }
    return [seconds, nanos];
  };
  hrtime.bigint = () => BigInt(Math.round(hostNow() * 1e6));
  const processObject: Record<string, unknown> = {
    env: {},
    argv: ["node", "exercise"],
    execArgv: [],
    platform: "linux",
    version: "v20",
    versions: { node: "20" },
    exitCode: undefined,
    stdout: writer("stdout"),
    stderr: writer("stderr"),
    cwd: () => "/",
    hrtime,
    uptime: () => hostNow() / 1000,
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    emitWarning: () => undefined,
    nextTick: () => undefined,
    exit: forbid("process.exit()"),
    abort: forbid("process.abort()"),
    kill: forbid("process.kill()"),
  };
  for (const name of ["on", "once", "off", "addListener", "removeListener", "removeAllListeners"]) processObject[name] = () => processObject;

  // structuredClone for plain data, typed arrays, Map, Set and Date, within this realm.
  const structuredCloneImpl = (value: unknown): unknown => {
    const copies = new MapCtor<unknown, unknown>();
    const clone = (v: unknown): unknown => {
      if (typeof v === "function" || typeof v === "symbol") throw new ErrorCtor(`${StringCtor(typeof v)} could not be cloned.`);
      if (typeof v !== "object" || v === null) return v;
      if (call(mapHas, copies, v)) return call(mapGet, copies, v);
      if (isView(v)) {
        const Ctor = (v as unknown as { constructor: new (x: unknown) => unknown }).constructor;
        const out = new Ctor(v);
        call(mapSet, copies, v, out);
        return out;
      }
      if (v instanceof DateCtor) return new DateCtor((v as Date).getTime());
      if (v instanceof MapCtor) {
        const out = new MapCtor();
        call(mapSet, copies, v, out);
        (v as Map<unknown, unknown>).forEach((item, key) => call(mapSet, out, clone(key), clone(item)));
        return out;
      }
      if (v instanceof SetCtor) {
        const out = new SetCtor();
        call(mapSet, copies, v, out);
        (v as Set<unknown>).forEach((item) => out.add(clone(item)));
        return out;
      }
      const out = (isArray(v) ? new Array((v as unknown[]).length) : {}) as Record<string, unknown>;
      call(mapSet, copies, v, out);
      for (const key of keys(v as object)) defineProperty(out, key, { value: clone((v as Record<string, unknown>)[key]), writable: true, enumerable: true, configurable: true });
      return out;
    };
    return clone(value);
  };

  // Timers never fire: the sandbox runs requests synchronously, and exercises are synchronous.
  let timerId = 0;
  const noTimer = () => ++timerId;
  const globals: Record<string, unknown> = {
    console: consoleObject,
    process: processObject,
    structuredClone: structuredCloneImpl,
    performance: { now: () => hostNow(), timeOrigin: 0 },
    setTimeout: noTimer,
    setInterval: noTimer,
    setImmediate: noTimer,
    clearTimeout: () => undefined,
    clearInterval: () => undefined,
    clearImmediate: () => undefined,
    queueMicrotask: () => undefined,
  };
  for (const name of keys(globals)) defineProperty(G, name, { value: globals[name], writable: true, enumerable: false, configurable: true });
  defineProperty(G, "global", { value: G, writable: true, enumerable: false, configurable: true });
  const locals = localNames.map((name) => G[name]);

  // ---- built-in modules: pure ones, implemented here; the rest would hand out the child's realm ----
  class AssertionError extends ErrorCtor {
    code = "ERR_ASSERTION";
    constructor(message: string) {
      super(message);
      this.name = "AssertionError";
    }
  }
  const deepEqual = (a: unknown, b: unknown, strict: boolean): boolean => {
    if (strict ? is(a, b) : a == b || is(a, b)) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (strict && getPrototypeOf(a) !== getPrototypeOf(b)) return false;
    const ka = keys(a);
    const kb = keys(b);
    if (ka.length !== kb.length) return false;
    for (const key of ka) if (!hasOwn(b, key) || !deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], strict)) return false;
    return true;
  };
  const fail = (message: unknown, fallback: string): never => {
    if (message instanceof ErrorCtor) throw message;
    throw new AssertionError(message === undefined ? fallback : StringCtor(message));
  };
  const makeAssert = (strict: boolean) => {
    const assert = (value: unknown, message?: unknown) => {
      if (!value) fail(message, `The expression evaluated to a falsy value: ${inspect(value)}`);
    };
    const eq = (a: unknown, b: unknown) => (strict ? is(a, b) : a == b);
    const methods: Record<string, unknown> = {
      ok: assert,
      equal: (a: unknown, b: unknown, m?: unknown) => void (eq(a, b) || fail(m, `${inspect(a)} == ${inspect(b)}`)),
      notEqual: (a: unknown, b: unknown, m?: unknown) => void (!eq(a, b) || fail(m, `${inspect(a)} != ${inspect(b)}`)),
      strictEqual: (a: unknown, b: unknown, m?: unknown) => void (is(a, b) || fail(m, `Expected values to be strictly equal: ${inspect(a)} !== ${inspect(b)}`)),
      notStrictEqual: (a: unknown, b: unknown, m?: unknown) => void (!is(a, b) || fail(m, `Expected "actual" to be strictly unequal to: ${inspect(b)}`)),
      deepEqual: (a: unknown, b: unknown, m?: unknown) => void (deepEqual(a, b, strict) || fail(m, "Expected values to be deeply equal")),
      deepStrictEqual: (a: unknown, b: unknown, m?: unknown) => void (deepEqual(a, b, true) || fail(m, "Expected values to be strictly deep-equal")),
      notDeepStrictEqual: (a: unknown, b: unknown, m?: unknown) => void (!deepEqual(a, b, true) || fail(m, "Expected values not to be strictly deep-equal")),
      fail: (m?: unknown) => fail(m, "Failed"),
      throws: (fn: () => unknown, _expected?: unknown, m?: unknown) => {
        try {
          fn();
        } catch {
          return;
        }
        fail(typeof _expected === "string" ? _expected : m, "Missing expected exception.");
      },
      AssertionError,
    };
    for (const name of keys(methods)) (assert as unknown as Record<string, unknown>)[name] = methods[name];
    return assert as unknown as Record<string, unknown>;
  };
  const assertModule = makeAssert(false);
  const strictAssert = makeAssert(true);
  assertModule.strict = strictAssert;
  strictAssert.strict = strictAssert;
  const utilModule = { format, inspect: (value: unknown, options?: { depth?: number }) => inspect(value, typeof options?.depth === "number" ? options.depth : 2), isDeepStrictEqual: (a: unknown, b: unknown) => deepEqual(a, b, true) };
  const pureBuiltins: Record<string, unknown> = { assert: assertModule, "assert/strict": strictAssert, util: utilModule };
  for (const name of keys(pureBuiltins)) pureBuiltins[name] = freeze({ ...(pureBuiltins[name] as object), default: pureBuiltins[name], __esModule: true });

  // ---- modules: CommonJS from the grader's transpiler ----
  const genuine = new WeakSetCtor<object>();
  class LoadError extends ErrorCtor {
    failure: Record<string, unknown>;
    constructor(failure: Record<string, unknown>) {
      super(typeof failure.message === "string" ? failure.message : "the module could not be loaded");
      this.failure = failure;
      call(weakAdd, genuine, this);
    }
  }
  const withCode = (code: string, error: Error) => {
    defineProperty(error, "code", { value: code, writable: true, enumerable: false, configurable: true });
    return error;
  };
  const modules = new MapCtor<string, { exports: unknown; failure?: Record<string, unknown> }>();
  const loadedFiles: string[] = [];

  const guardExports = (exports: unknown, specifier: string): unknown => {
    if (typeof exports !== "object" || exports === null) return exports;
    return new ProxyCtor(exports as object, {
      get(target, property, receiver) {
        if (typeof property === "string" && property !== "__esModule" && property !== "then" && property !== "default" && !(property in target)) {
          const has = keys(target).filter((name) => name !== "__esModule");
          throw new ReferenceErrorCtor(
            `'${specifier}' has no export named '${property}' (${has.length ? `it exports ${has.map((n) => `'${n}'`).join(", ")}` : "it exports nothing"})`,
          );
        }
        return Reflect.get(target, property, receiver);
      },
    });
  };

  const requireFrom = (from: string, specifierValue: unknown): unknown => {
    const specifier = StringCtor(specifierValue);
    const bare = call(strStarts, specifier, "node:") ? (call(strSlice, specifier, 5) as string) : specifier;
    if (hasOwn(pureBuiltins, bare)) return pureBuiltins[bare];
    const root = (call(strSplit, bare, "/") as string[])[0];
    if (call(arrIndexOf, builtinNames, root) !== -1) {
      throw withCode("ERR_ACCESS_DENIED", new LoadError({
        kind: "bad-import",
        file: from,
        specifier,
        message: `cannot import '${specifier}': exercises run without files, network or processes; of Node's modules only 'node:assert' and 'node:util' are available`,
      }));
    }
    if (call(strStarts, specifier, "./") || call(strStarts, specifier, "../") || call(strStarts, specifier, "/")) {
      const target = hostResolve(from, specifier);
      if (typeof target !== "string" || target === "") {
        throw new LoadError({ kind: "bad-import", file: from, specifier, message: `cannot find '${specifier}' in the submission folder` });
      }
      return guardExports(loadModule(target), specifier);
    }
    throw new LoadError({
      kind: "bad-import",
      file: from,
      specifier,
      message: `cannot import '${specifier}': exercises may import only their own files, 'node:assert' and 'node:util'`,
    });
  };

  const loadModule = (file: string): unknown => {
    const cached = call(mapGet, modules, file) as { exports: unknown; failure?: Record<string, unknown> } | undefined;
    if (cached) {
      if (cached.failure) throw new LoadError(cached.failure);
      return cached.exports;
    }
    const module = { exports: {} as unknown };
    const entry: { exports: unknown; failure?: Record<string, unknown> } = { exports: module.exports };
    call(mapSet, modules, file, entry);
    push(loadedFiles, file);
    let compiled = hostCompile(file, true);
    let withLocals = true;
    if (compiled === "clash") {
      // A module declaring `const Math` (say) clashes with the locals: compile it plainly.
      compiled = hostCompile(file, false);
      withLocals = false;
    }
    if (typeof compiled !== "function") {
      const why = typeof compiled === "string" && call(strStarts, compiled, "unusable:") ? (call(strSlice, compiled, 9) as string) : "it could not be compiled";
      entry.failure = compiled === "missing" ? { kind: "missing-file", file, message: `cannot find ${file}` } : { kind: "unusable", file, message: `${file} cannot be loaded: ${why}` };
      throw new LoadError(entry.failure);
    }
    const localRequire = (specifier: unknown) => requireFrom(file, specifier);
    const base = [module.exports, localRequire, module, file, hostDirname(file)];
    try {
      apply(compiled as (...a: unknown[]) => unknown, module.exports, withLocals ? [...base, ...locals] : base);
    } catch (error) {
      // A failure in an imported file is reported as that file's, not as a throw of the importer.
      entry.failure = error instanceof LoadError && call(weakHas, genuine, error) ? error.failure : { kind: "threw", file, thrown: error };
      throw new LoadError(entry.failure!);
    }
    entry.exports = module.exports;
    return module.exports;
  };

  const load = (file: string, exportName: string) => {
    try {
      const exports = loadModule(file) as Record<string, unknown> | null;
      let fn: unknown;
      let names: string[] = [];
      try {
        fn = exports?.[exportName];
        names = exports ? keys(exports).filter((name) => name !== "__esModule") : [];
      } catch {
        fn = undefined;
      }
      if (typeof fn !== "function") {
        return { __proto__: null, ok: false, failure: { __proto__: null, kind: "missing-export", file, exportName, exports: names }, files: loadedFiles };
      }
      return { __proto__: null, ok: true, fn, files: loadedFiles };
    } catch (error) {
      if (error instanceof LoadError && call(weakHas, genuine, error)) return { __proto__: null, ok: false, failure: error.failure, files: loadedFiles };
      return { __proto__: null, ok: false, thrown: error, files: loadedFiles };
    }
  };

  // Arguments arrive as the child's plain data; learner code gets copies made of this realm's arrays.
  const copyIn = (v: unknown): unknown => {
    if (isArray(v)) {
      const out = new Array((v as unknown[]).length);
      for (let i = 0; i < out.length; i++) out[i] = copyIn((v as unknown[])[i]);
      return out;
    }
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const key of keys(v)) defineProperty(out, key, { value: copyIn((v as Record<string, unknown>)[key]), writable: true, enumerable: true, configurable: true });
      return out;
    }
    return v;
  };

  const callExport = (fn: unknown, argsValue: unknown) => {
    const args = copyIn(argsValue) as unknown[];
    try {
      return { __proto__: null, ok: true, value: apply(fn as (...a: unknown[]) => unknown, undefined, args), args };
    } catch (error) {
      return { __proto__: null, ok: false, thrown: error, args };
    }
  };
  void ownKeys;
  void getOwnPropertyNames;
  void TypeErrorCtor;
  void strRepeat;
  void objToString;
  return { __proto__: null, load, call: callExport } as unknown as RealmApi;
}
