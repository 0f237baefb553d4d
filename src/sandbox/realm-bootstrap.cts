/**
 * The code that sets up one realm (a vm context) for learner code. It is never imported by the
 * child: realmSource() gives the text of these functions, which the child evaluates inside each new
 * context, so every object they create — console, process, the module loader, require, module,
 * exports — belongs to that context. Learner code thus holds no object of the child's own realm, from
 * which it could reach the channel, Node's modules or another function's realm. The child's functions
 * it needs are passed in once and kept in closures here.
 *
 * Rules for this file: no imports, no reference to anything outside these functions, no TypeScript
 * construct that emits helpers; every built-in used is captured (captureIntrinsics) before learner code
 * can replace it.
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

/** The realm's built-ins, captured before any learner code runs. */
function captureIntrinsics() {
  const { apply } = Reflect;
  const { defineProperty } = Object;
  const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  return {
    G: globalThis as unknown as Record<string, unknown>,
    apply,
    keys: Object.keys,
    defineProperty,
    getPrototypeOf: Object.getPrototypeOf,
    freeze: Object.freeze,
    is: Object.is,
    hasOwn: Object.hasOwn,
    isArray: Array.isArray,
    isView: ArrayBuffer.isView,
    ArrayCtor: Array,
    StringCtor: String,
    ErrorCtor: Error,
    ReferenceErrorCtor: ReferenceError,
    ProxyCtor: Proxy,
    MapCtor: Map,
    SetCtor: Set,
    DateCtor: Date,
    WeakSetCtor: WeakSet,
    mapGet: Map.prototype.get,
    mapSet: Map.prototype.set,
    mapHas: Map.prototype.has,
    weakAdd: WeakSet.prototype.add,
    weakHas: WeakSet.prototype.has,
    strSlice: String.prototype.slice,
    strSplit: String.prototype.split,
    strReplace: String.prototype.replace,
    strStarts: String.prototype.startsWith,
    strIndexOf: String.prototype.indexOf,
    arrJoin: Array.prototype.join,
    arrIndexOf: Array.prototype.indexOf,
    jsonStringify: JSON.stringify,
    fnToString: Function.prototype.toString,
    typedLength: Object.getOwnPropertyDescriptor(typedArrayProto, "length")!.get!,
    call: (fn: unknown, self: unknown, ...args: unknown[]) => apply(fn as (...a: unknown[]) => unknown, self, args),
    push: (list: unknown[], item: unknown) => defineProperty(list, list.length, { value: item, writable: true, enumerable: true, configurable: true }),
  };
}

type Kit = ReturnType<typeof captureIntrinsics>;
type Emit = (stream: string, text: unknown) => void;
type Inspect = (value: unknown, depth?: number) => string;
type Format = (...args: unknown[]) => string;

/** Output to the child, bounded, never throwing into learner code. */
function makeEmit(k: Kit, host: HostBridge): Emit {
  const { call, strSlice, StringCtor } = k;
  const hostOutput = host.output;
  const maxChunk = host.maxChunk;
  return (stream, text) => {
    try {
      let s = typeof text === "string" ? text : StringCtor(text);
      if (s.length > maxChunk) s = call(strSlice, s, 0, maxChunk) as string;
      hostOutput(stream, s);
    } catch {
      // output is best effort; a failure here must not become the learner's error
    }
  };
}

/** The parts of an array, typed array, Map, Set or object, for inspect; undefined for a Date (printed whole). */
function collectionParts(k: Kit, v: unknown, nested: (item: unknown) => string, quote: (s: string) => string) {
  const { isArray, isView, call, typedLength, push, MapCtor, SetCtor, DateCtor, getPrototypeOf, keys } = k;
  const parts: string[] = [];
  if (isArray(v) || isView(v)) {
    const length = isArray(v) ? (v as unknown[]).length : (call(typedLength, v) as number);
    const prefix = isArray(v) ? "" : `${(v as { constructor?: { name?: string } }).constructor?.name ?? "TypedArray"}(${length}) `;
    const shown = Math.min(length, 100);
    for (let i = 0; i < shown; i++) push(parts, nested((v as unknown[])[i]));
    if (length > shown) push(parts, `... ${length - shown} more item${length - shown > 1 ? "s" : ""}`);
    return { prefix, open: "[", close: "]", parts };
  }
  if (v instanceof MapCtor) {
    for (const [key, item] of v as Map<unknown, unknown>) push(parts, `${nested(key)} => ${nested(item)}`);
    return { prefix: `Map(${(v as Map<unknown, unknown>).size}) `, open: "{", close: "}", parts };
  }
  if (v instanceof SetCtor) {
    for (const item of v as Set<unknown>) push(parts, nested(item));
    return { prefix: `Set(${(v as Set<unknown>).size}) `, open: "{", close: "}", parts };
  }
  if (v instanceof DateCtor) return undefined;
  const proto = getPrototypeOf(v);
  const ctor = proto === null ? "[Object: null prototype]" : (proto.constructor?.name as string | undefined);
  for (const key of keys(v as object)) push(parts, `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key)}: ${nested((v as Record<string, unknown>)[key])}`);
  return { prefix: ctor && ctor !== "Object" ? `${ctor} ` : "", open: "{", close: "}", parts };
}

/** A small util.inspect: numbers, strings, arrays, typed arrays, plain objects, Map, Set, errors. */
function makeInspect(k: Kit): Inspect {
  const { call, strReplace, strStarts, fnToString, arrIndexOf, arrJoin, strIndexOf, is, StringCtor, ErrorCtor, isArray, push } = k;
  const quote = (s: string) => `'${call(strReplace, s, /[\\']/g, (c: string) => `\\${c}`) as string}'`;
  const primitive = (v: unknown, level: number): string | undefined => {
    const t = typeof v;
    if (t === "string") return level === 0 ? (v as string) : quote(v as string);
    if (t === "number") return is(v, -0) ? "-0" : StringCtor(v);
    if (t === "bigint") return `${StringCtor(v)}n`;
    if (t === "symbol" || t === "boolean" || v === undefined || v === null) return StringCtor(v);
    if (t === "function") {
      const name = (v as { name?: unknown }).name;
      const isClass = call(strStarts, call(fnToString, v), "class") as boolean;
      return `[${isClass ? "class" : "Function"}${typeof name === "string" && name ? `: ${name}` : " (anonymous)"}]`;
    }
    if (v instanceof ErrorCtor) return typeof (v as Error).stack === "string" ? (v as Error).stack! : StringCtor(v);
    return undefined;
  };
  return (value, depth = 2) => {
    const seen: unknown[] = [];
    const fmt = (v: unknown, level: number, indent: string): string => {
      const simple = primitive(v, level);
      if (simple !== undefined) return simple;
      if (call(arrIndexOf, seen, v) !== -1) return "[Circular]";
      const nested = (item: unknown) =>
        level >= depth && typeof item === "object" && item !== null ? (isArray(item) ? "[Array]" : "[Object]") : fmt(item, level + 1, `${indent}  `);
      push(seen, v);
      let shape: ReturnType<typeof collectionParts>;
      try {
        shape = collectionParts(k, v, nested, quote);
      } finally {
        seen.length -= 1;
      }
      if (!shape) return (v as Date).toISOString();
      const { prefix, open, close, parts } = shape;
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
}

/** util.format: %s %d %i %f %j %o %O %c %%, then the rest inspected. */
function makeFormat(k: Kit, inspect: Inspect): Format {
  const { call, strReplace, StringCtor, jsonStringify } = k;
  const one = (spec: string, arg: unknown): string => {
    switch (spec) {
      case "%s":
        return typeof arg === "string" ? arg : inspect(arg, 1);
      case "%d":
        return StringCtor(Number(arg));
      case "%i":
        return StringCtor(Math.trunc(Number(arg)));
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
  };
  return (...args) => {
    let out = "";
    let rest = 0;
    if (typeof args[0] === "string" && args.length > 1) {
      let next = 1;
      out = call(strReplace, args[0], /%[sdifjoOc%]/g, (spec: string) =>
        spec === "%%" ? "%" : next >= args.length ? spec : one(spec, args[next++]),
      ) as string;
      rest = next;
    } else if (args.length > 0) {
      out = inspect(args[0]);
      rest = 1;
    }
    for (let i = rest; i < args.length; i++) out += ` ${typeof args[i] === "string" ? (args[i] as string) : inspect(args[i])}`;
    return out;
  };
}

/** console, writing through emit. */
function makeConsole(k: Kit, emit: Emit, inspect: Inspect, format: Format, now: () => number) {
  const { call, strReplace, strSlice, strIndexOf, StringCtor, ErrorCtor, MapCtor, mapGet, mapSet } = k;
  let groupIndent = "";
  const line =
    (stream: string) =>
    (...args: unknown[]) => {
      let text = format(...args);
      if (groupIndent) text = groupIndent + (call(strReplace, text, /\n/g, `\n${groupIndent}`) as string);
      emit(stream, `${text}\n`);
    };
  const counts = new MapCtor<string, number>();
  const timers = new MapCtor<string, number>();
  const elapsed = (label: string) => {
    const start = call(mapGet, timers, label) as number | undefined;
    return start === undefined ? undefined : `${label}: ${(now() - start).toFixed(3)}ms`;
  };
  return {
    log: line("stdout"),
    info: line("stdout"),
    debug: line("stdout"),
    table: line("stdout"),
    dir: (value: unknown) => emit("stdout", `${inspect(value)}\n`),
    warn: line("stderr"),
    error: line("stderr"),
    trace: (...args: unknown[]) => {
      const stack = StringCtor(new ErrorCtor().stack ?? "");
      line("stderr")(`Trace: ${format(...args)}${call(strSlice, stack, call(strIndexOf, stack, "\n") as number)}`);
    },
    assert: (condition: unknown, ...args: unknown[]) => {
      if (!condition) line("stderr")(`Assertion failed${args.length ? `: ${format(...args)}` : ""}`);
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
    time: (label = "default") => void call(mapSet, timers, label, now()),
    timeLog: (label = "default", ...args: unknown[]) => {
      const text = elapsed(label);
      if (text) line("stdout")(text, ...args);
    },
    timeEnd: (label = "default") => {
      const text = elapsed(label);
      if (text) line("stdout")(text);
    },
  };
}

/** process: a stand-in; exercises need no environment, files or exit. */
function makeProcess(k: Kit, emit: Emit, now: () => number) {
  const { ErrorCtor } = k;
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
    const ns = Math.round(now() * 1e6);
    const seconds = Math.floor(ns / 1e9) - (previous?.[0] ?? 0);
    const nanos = (ns % 1e9) - (previous?.[1] ?? 0);
    return nanos < 0 ? [seconds - 1, nanos + 1e9] : [seconds, nanos];
  };
  hrtime.bigint = () => BigInt(Math.round(now() * 1e6));
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
    uptime: () => now() / 1000,
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    emitWarning: () => undefined,
    nextTick: () => undefined,
    exit: forbid("process.exit()"),
    abort: forbid("process.abort()"),
    kill: forbid("process.kill()"),
  };
  for (const name of ["on", "once", "off", "addListener", "removeListener", "removeAllListeners"]) processObject[name] = () => processObject;
  return processObject;
}

/** structuredClone for plain data, typed arrays, Map, Set and Date, within this realm. */
function makeStructuredClone(k: Kit) {
  const { call, mapGet, mapSet, mapHas, MapCtor, SetCtor, DateCtor, ErrorCtor, StringCtor, isView, isArray, keys, defineProperty, ArrayCtor } = k;
  return (value: unknown): unknown => {
    const copies = new MapCtor<unknown, unknown>();
    const keep = <T,>(v: unknown, out: T): T => {
      call(mapSet, copies, v, out);
      return out;
    };
    const clone = (v: unknown): unknown => {
      if (typeof v === "function" || typeof v === "symbol") throw new ErrorCtor(`${StringCtor(typeof v)} could not be cloned.`);
      if (typeof v !== "object" || v === null) return v;
      if (call(mapHas, copies, v)) return call(mapGet, copies, v);
      if (isView(v)) return keep(v, new (v as unknown as { constructor: new (x: unknown) => unknown }).constructor(v));
      if (v instanceof DateCtor) return new DateCtor((v as Date).getTime());
      if (v instanceof MapCtor) {
        const out = keep(v, new MapCtor());
        for (const [key, item] of v as Map<unknown, unknown>) call(mapSet, out, clone(key), clone(item));
        return out;
      }
      if (v instanceof SetCtor) {
        const out = keep(v, new SetCtor());
        for (const item of v as Set<unknown>) out.add(clone(item));
        return out;
      }
      const out = keep(v, (isArray(v) ? new ArrayCtor((v as unknown[]).length) : {}) as Record<string, unknown>);
      for (const key of keys(v as object))
        defineProperty(out, key, { value: clone((v as Record<string, unknown>)[key]), writable: true, enumerable: true, configurable: true });
      return out;
    };
    return clone(value);
  };
}

/** Sets the realm's globals beside JavaScript's own. Timers never fire: requests are served synchronously. */
function installGlobals(k: Kit, globals: Record<string, unknown>, now: () => number): void {
  const { G, keys, defineProperty } = k;
  let timerId = 0;
  const noTimer = () => ++timerId;
  const all: Record<string, unknown> = {
    ...globals,
    performance: { now: () => now(), timeOrigin: 0 },
    setTimeout: noTimer,
    setInterval: noTimer,
    setImmediate: noTimer,
    clearTimeout: () => undefined,
    clearInterval: () => undefined,
    clearImmediate: () => undefined,
    queueMicrotask: () => undefined,
  };
  for (const name of keys(all)) defineProperty(G, name, { value: all[name], writable: true, enumerable: false, configurable: true });
  defineProperty(G, "global", { value: G, writable: true, enumerable: false, configurable: true });
}

/** node:assert (loose when `strict` is false) for this realm. */
function makeAssert(k: Kit, inspect: Inspect, strict: boolean, AssertionError: new (message: string) => Error) {
  const { is, keys, hasOwn, getPrototypeOf, ErrorCtor, StringCtor } = k;
  // biome-ignore lint/suspicious/noDoubleEquals: assert.equal is loose equality by definition
  const loose = (a: unknown, b: unknown) => a == b;
  const deepEqual = (a: unknown, b: unknown, strictly: boolean): boolean => {
    if (strictly ? is(a, b) : loose(a, b) || is(a, b)) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (strictly && getPrototypeOf(a) !== getPrototypeOf(b)) return false;
    const ka = keys(a);
    if (ka.length !== keys(b).length) return false;
    return ka.every((key) => hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], strictly));
  };
  const fail = (message: unknown, fallback: string): never => {
    if (message instanceof ErrorCtor) throw message;
    throw new AssertionError(message === undefined ? fallback : StringCtor(message));
  };
  const eq = (a: unknown, b: unknown) => (strict ? is(a, b) : loose(a, b));
  const assert = (value: unknown, message?: unknown) => {
    if (!value) fail(message, `The expression evaluated to a falsy value: ${inspect(value)}`);
  };
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
    throws: (fn: () => unknown, expected?: unknown, m?: unknown) => {
      try {
        fn();
      } catch {
        return;
      }
      fail(typeof expected === "string" ? expected : m, "Missing expected exception.");
    },
    AssertionError,
  };
  for (const name of keys(methods)) (assert as unknown as Record<string, unknown>)[name] = methods[name];
  return { module: assert as unknown as Record<string, unknown>, deepEqual };
}

/** The Node modules learner code may import: pure ones, made here; the rest would hand out the child's realm. */
function makeBuiltins(k: Kit, inspect: Inspect, format: Format): Record<string, unknown> {
  const { keys, freeze, ErrorCtor } = k;
  class AssertionError extends ErrorCtor {
    code = "ERR_ASSERTION";
    constructor(message: string) {
      super(message);
      this.name = "AssertionError";
    }
  }
  const loose = makeAssert(k, inspect, false, AssertionError);
  const strict = makeAssert(k, inspect, true, AssertionError);
  loose.module.strict = strict.module;
  strict.module.strict = strict.module;
  const util = {
    format,
    inspect: (value: unknown, options?: { depth?: number }) => inspect(value, typeof options?.depth === "number" ? options.depth : 2),
    isDeepStrictEqual: (a: unknown, b: unknown) => strict.deepEqual(a, b, true),
  };
  const builtins: Record<string, unknown> = { assert: loose.module, "assert/strict": strict.module, util };
  for (const name of keys(builtins)) builtins[name] = freeze({ ...(builtins[name] as object), default: builtins[name], __esModule: true });
  return builtins;
}

/**
 * What was thrown, read here in the realm as strings: the child must never read a learner error's
 * stack itself (its first read calls the learner's Error.prepareStackTrace with call sites of the
 * reader's realm).
 */
function describeThrown(k: Kit, error: unknown): Record<string, unknown> {
  const { StringCtor, jsonStringify } = k;
  const record: Record<string, unknown> = { __proto__: null, name: "Error", message: "" } as unknown as Record<string, unknown>;
  try {
    if (typeof error === "object" && error !== null && ("message" in error || "stack" in error)) {
      const e = error as { name?: unknown; message?: unknown; stack?: unknown };
      record.name = StringCtor(e.name ?? "Error");
      record.message = StringCtor(e.message ?? "");
      const stack = e.stack;
      if (typeof stack === "string") record.stack = stack;
    } else {
      record.name = "thrown value";
      const shown =
        typeof error === "string"
          ? (jsonStringify(error.length > 60 ? `${error.slice(0, 60)}…` : error) as string)
          : typeof error === "object" && error !== null
            ? "an object"
            : StringCtor(error);
      record.message = `threw ${shown} instead of an Error`;
    }
  } catch {
    record.message = "threw a value that could not be read";
  }
  return record;
}

/** The module loader's state and its way of telling its own failures from what learner code throws. */
function makeLoaderState(k: Kit, host: HostBridge, builtins: Record<string, unknown>, locals: unknown[]) {
  const { ErrorCtor, WeakSetCtor, MapCtor, call, weakAdd, weakHas, defineProperty, apply, strSplit } = k;
  const genuine = new WeakSetCtor<object>();
  class LoadError extends ErrorCtor {
    failure: Record<string, unknown>;
    constructor(failure: Record<string, unknown>) {
      super(typeof failure.message === "string" ? failure.message : "the module could not be loaded");
      this.failure = failure;
      call(weakAdd, genuine, this);
    }
  }
  return {
    k,
    host,
    builtins,
    locals,
    builtinNames: apply(strSplit, host.builtins, [","]) as string[],
    modules: new MapCtor<string, { exports: unknown; failure?: Record<string, unknown> }>(),
    loadedFiles: [] as string[],
    LoadError,
    isGenuine: (error: unknown): error is LoadError => error instanceof LoadError && (call(weakHas, genuine, error) as boolean),
    withCode: (code: string, error: Error) => {
      defineProperty(error, "code", { value: code, writable: true, enumerable: false, configurable: true });
      return error;
    },
  };
}

type Loader = ReturnType<typeof makeLoaderState>;

/** A misspelled import would surface as "cannot read properties of undefined": reading a missing export throws a message that names it. */
function guardExports(loader: Loader, exports: unknown, specifier: string): unknown {
  const { ProxyCtor, ReferenceErrorCtor, keys } = loader.k;
  if (typeof exports !== "object" || exports === null) return exports;
  return new ProxyCtor(exports as object, {
    get(target, property, receiver) {
      if (typeof property === "string" && property !== "__esModule" && property !== "then" && property !== "default" && !(property in target)) {
        const has = keys(target).filter((name) => name !== "__esModule");
        const listed = has.length ? `it exports ${has.map((n) => `'${n}'`).join(", ")}` : "it exports nothing";
        throw new ReferenceErrorCtor(`'${specifier}' has no export named '${property}' (${listed})`);
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/** require() as learner modules see it: their own files, node:assert and node:util, nothing else. */
function requireFrom(loader: Loader, from: string, specifierValue: unknown): unknown {
  const { StringCtor, call, strStarts, strSlice, strSplit, arrIndexOf, hasOwn } = loader.k;
  const { LoadError } = loader;
  const specifier = StringCtor(specifierValue);
  const bare = call(strStarts, specifier, "node:") ? (call(strSlice, specifier, 5) as string) : specifier;
  if (hasOwn(loader.builtins, bare)) return loader.builtins[bare];
  const root = (call(strSplit, bare, "/") as string[])[0];
  if (call(arrIndexOf, loader.builtinNames, root) !== -1) {
    const message = `cannot import '${specifier}': exercises run without files, network or processes; of Node's modules only 'node:assert' and 'node:util' are available`;
    throw loader.withCode("ERR_ACCESS_DENIED", new LoadError({ kind: "bad-import", file: from, specifier, message }));
  }
  if (call(strStarts, specifier, "./") || call(strStarts, specifier, "../") || call(strStarts, specifier, "/")) {
    const target = loader.host.resolve(from, specifier);
    if (typeof target !== "string" || target === "") {
      throw new LoadError({ kind: "bad-import", file: from, specifier, message: `cannot find '${specifier}' in the submission folder` });
    }
    return guardExports(loader, loadModule(loader, target), specifier);
  }
  const message = `cannot import '${specifier}': exercises may import only their own files, 'node:assert' and 'node:util'`;
  throw new LoadError({ kind: "bad-import", file: from, specifier, message });
}

/** Compiles a submission file in this realm (with the locals as parameters when they do not clash), or says why not. */
function compileModule(loader: Loader, file: string): { fn: (...a: unknown[]) => unknown; withLocals: boolean } | Record<string, unknown> {
  const { call, strStarts, strSlice } = loader.k;
  let compiled = loader.host.compile(file, true);
  let withLocals = true;
  if (compiled === "clash") {
    // A module declaring `const Math` (say) clashes with the locals: compile it plainly.
    compiled = loader.host.compile(file, false);
    withLocals = false;
  }
  if (typeof compiled === "function") return { fn: compiled as (...a: unknown[]) => unknown, withLocals };
  if (compiled === "missing") return { kind: "missing-file", file, message: `cannot find ${file}` };
  const why = typeof compiled === "string" && call(strStarts, compiled, "unusable:") ? (call(strSlice, compiled, 9) as string) : "it could not be compiled";
  return { kind: "unusable", file, message: `${file} cannot be loaded: ${why}` };
}

/** Loads a submission file as CommonJS in this realm, once; a failure is remembered and thrown again. */
function loadModule(loader: Loader, file: string): unknown {
  const { call, mapGet, mapSet, push, apply } = loader.k;
  const { LoadError } = loader;
  const cached = call(mapGet, loader.modules, file) as { exports: unknown; failure?: Record<string, unknown> } | undefined;
  if (cached) {
    if (cached.failure) throw new LoadError(cached.failure);
    return cached.exports;
  }
  const module = { exports: {} as unknown };
  const entry: { exports: unknown; failure?: Record<string, unknown> } = { exports: module.exports };
  call(mapSet, loader.modules, file, entry);
  push(loader.loadedFiles, file);
  const compiled = compileModule(loader, file);
  if (typeof compiled.fn !== "function") {
    entry.failure = compiled as Record<string, unknown>;
    throw new LoadError(entry.failure);
  }
  const localRequire = (specifier: unknown) => requireFrom(loader, file, specifier);
  const base = [module.exports, localRequire, module, file, loader.host.dirname(file)];
  try {
    apply(compiled.fn as (...a: unknown[]) => unknown, module.exports, compiled.withLocals ? [...base, ...loader.locals] : base);
  } catch (error) {
    // A failure in an imported file is reported as that file's, not as a throw of the importer.
    entry.failure = loader.isGenuine(error) ? error.failure : { kind: "threw", file, thrown: describeThrown(loader.k, error) };
    throw new LoadError(entry.failure);
  }
  entry.exports = module.exports;
  return module.exports;
}

/** RealmApi.load: the export, or why it cannot be had. */
function loadExport(loader: Loader, file: string, exportName: string) {
  const { keys } = loader.k;
  const files = loader.loadedFiles;
  try {
    const exports = loadModule(loader, file) as Record<string, unknown> | null;
    let fn: unknown;
    let names: string[] = [];
    try {
      fn = exports?.[exportName];
      names = exports ? keys(exports).filter((name) => name !== "__esModule") : [];
    } catch {
      fn = undefined;
    }
    if (typeof fn === "function") return { __proto__: null, ok: true, fn, files };
    return { __proto__: null, ok: false, failure: { __proto__: null, kind: "missing-export", file, exportName, exports: names }, files };
  } catch (error) {
    if (loader.isGenuine(error)) return { __proto__: null, ok: false, failure: error.failure, files };
    return { __proto__: null, ok: false, thrown: describeThrown(loader.k, error), files };
  }
}

/** RealmApi.call: arguments arrive as the child's plain data; learner code gets copies made of this realm's arrays. */
function makeCall(k: Kit) {
  const { isArray, keys, defineProperty, apply, ArrayCtor } = k;
  const copyIn = (v: unknown): unknown => {
    if (isArray(v)) {
      const out = new ArrayCtor((v as unknown[]).length);
      for (let i = 0; i < out.length; i++) out[i] = copyIn((v as unknown[])[i]);
      return out;
    }
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const key of keys(v))
        defineProperty(out, key, { value: copyIn((v as Record<string, unknown>)[key]), writable: true, enumerable: true, configurable: true });
      return out;
    }
    return v;
  };
  return (fn: unknown, argsValue: unknown) => {
    const args = copyIn(argsValue) as unknown[];
    try {
      return { __proto__: null, ok: true, value: apply(fn as (...a: unknown[]) => unknown, undefined, args), args };
    } catch (error) {
      return { __proto__: null, ok: false, thrown: describeThrown(k, error), args };
    }
  };
}

/**
 * The bridges wrapped in functions of this realm that catch everything. A bridge is a function of the
 * child's realm: should it throw, even by overflowing the stack on its very entry, the error would be
 * the child's, and learner code catching it would hold the child's Function.
 */
function guardHost(host: HostBridge): HostBridge {
  const { output, now, compile, resolve, dirname } = host;
  return {
    output: (stream, text) => {
      try {
        output(stream, text);
      } catch {
        // dropped: see above
      }
    },
    now: () => {
      try {
        return now();
      } catch {
        return 0;
      }
    },
    compile: (file, withLocals) => {
      try {
        return compile(file, withLocals);
      } catch {
        return "unusable:the sandbox ran out of stack while compiling it";
      }
    },
    resolve: (from, specifier) => {
      try {
        return resolve(from, specifier);
      } catch {
        return "";
      }
    },
    dirname: (file) => {
      try {
        return dirname(file);
      } catch {
        return "/";
      }
    },
    builtins: host.builtins,
    locals: host.locals,
    maxChunk: host.maxChunk,
  };
}

/** Sets up the realm it runs in and returns what the child calls. */
export function bootstrapRealm(unguarded: HostBridge): RealmApi {
  const host = guardHost(unguarded);
  const k = captureIntrinsics();
  const now = host.now;
  const emit = makeEmit(k, host);
  const inspect = makeInspect(k);
  const format = makeFormat(k, inspect);
  installGlobals(k, { console: makeConsole(k, emit, inspect, format, now), process: makeProcess(k, emit, now), structuredClone: makeStructuredClone(k) }, now);
  const locals = (k.apply(k.strSplit, host.locals, [","]) as string[]).map((name) => k.G[name]);
  const loader = makeLoaderState(k, host, makeBuiltins(k, inspect, format), locals);
  return { __proto__: null, load: (file: string, exportName: string) => loadExport(loader, file, exportName), call: makeCall(k) } as unknown as RealmApi;
}

/** Every function above, in the order the text needs them. */
const PARTS = [
  captureIntrinsics,
  makeEmit,
  collectionParts,
  makeInspect,
  makeFormat,
  makeConsole,
  makeProcess,
  makeStructuredClone,
  installGlobals,
  makeAssert,
  makeBuiltins,
  makeLoaderState,
  guardExports,
  requireFrom,
  compileModule,
  loadModule,
  loadExport,
  makeCall,
  describeThrown,
  guardHost,
  bootstrapRealm,
];

/** The text the child evaluates in each new realm: an expression whose value is bootstrapRealm, in strict mode. */
export function realmSource(): string {
  // Run from source, tsx's esbuild wraps functions in its keep-names helper: give it one here.
  return `(() => {\n"use strict";\nconst __name = (target) => target;\n${PARTS.map((part) => part.toString()).join("\n")}\nreturn bootstrapRealm;\n})()`;
}
