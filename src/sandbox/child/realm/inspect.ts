import {
  arrayIndexOf,
  arrayJoin,
  DateCtor,
  dateISOString,
  ErrorCtor,
  functionSource,
  getPrototypeOf,
  is,
  isArray,
  isView,
  keys,
  MapCtor,
  mapEntries,
  mapSizeOf,
  min,
  push,
  regExpTest,
  SetCtor,
  StringCtor,
  setSizeOf,
  setValues,
  startsWith,
  stringIndexOf,
  stringReplace,
  typedLength,
} from "./intrinsics.js";

/** util.inspect as this realm has it: `depth` levels of nesting shown, deeper ones abbreviated. */
export type Inspect = (value: unknown, depth?: number) => string;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const quote = (s: string) => `'${stringReplace(s, /[\\']/g, (c: string) => `\\${c}`)}'`;

/** The parts of an array, typed array, Map, Set or object, for inspect; undefined for a Date (printed whole). */
function collectionParts(v: unknown, nested: (item: unknown) => string) {
  const parts: string[] = [];
  if (isArray(v) || isView(v)) {
    const length = isArray(v) ? (v as unknown[]).length : typedLength(v);
    const prefix = isArray(v) ? "" : `${(v as { constructor?: { name?: string } }).constructor?.name ?? "TypedArray"}(${length}) `;
    const shown = min(length, 100);
    for (let i = 0; i < shown; i++) push(parts, nested((v as unknown[])[i]));
    if (length > shown) push(parts, `... ${length - shown} more item${length - shown > 1 ? "s" : ""}`);
    return { prefix, open: "[", close: "]", parts };
  }
  if (v instanceof MapCtor) {
    const entries = mapEntries(v);
    for (let i = 0; i < entries.length; i++) push(parts, `${nested(entries[i][0])} => ${nested(entries[i][1])}`);
    return { prefix: `Map(${mapSizeOf(v)}) `, open: "{", close: "}", parts };
  }
  if (v instanceof SetCtor) {
    const items = setValues(v);
    for (let i = 0; i < items.length; i++) push(parts, nested(items[i]));
    return { prefix: `Set(${setSizeOf(v)}) `, open: "{", close: "}", parts };
  }
  if (v instanceof DateCtor) return undefined;
  const proto = getPrototypeOf(v);
  const ctor = proto === null ? "[Object: null prototype]" : (proto.constructor?.name as string | undefined);
  const names = keys(v as object);
  for (let i = 0; i < names.length; i++) {
    const key = names[i];
    push(parts, `${regExpTest(IDENTIFIER, key) ? key : quote(key)}: ${nested((v as Record<string, unknown>)[key])}`);
  }
  return { prefix: ctor && ctor !== "Object" ? `${ctor} ` : "", open: "{", close: "}", parts };
}

/** Numbers, strings, functions, errors and the other values printed without looking inside; undefined for the rest. */
function primitive(v: unknown, level: number): string | undefined {
  const t = typeof v;
  if (t === "string") return level === 0 ? (v as string) : quote(v as string);
  if (t === "number") return is(v, -0) ? "-0" : StringCtor(v);
  if (t === "bigint") return `${StringCtor(v)}n`;
  if (t === "symbol" || t === "boolean" || v === undefined || v === null) return StringCtor(v);
  if (t === "function") {
    const name = (v as { name?: unknown }).name;
    const isClass = startsWith(functionSource(v), "class");
    return `[${isClass ? "class" : "Function"}${typeof name === "string" && name ? `: ${name}` : " (anonymous)"}]`;
  }
  if (v instanceof ErrorCtor) {
    const stack = (v as { stack?: unknown }).stack;
    return typeof stack === "string" ? stack : StringCtor(v);
  }
  return undefined;
}

/** A small util.inspect: numbers, strings, arrays, typed arrays, plain objects, Map, Set, errors. */
export const inspect: Inspect = (value, depth = 2) => {
  const seen: unknown[] = [];
  const fmt = (v: unknown, level: number, indent: string): string => {
    const simple = primitive(v, level);
    if (simple !== undefined) return simple;
    if (arrayIndexOf(seen, v) !== -1) return "[Circular]";
    const nested = (item: unknown) =>
      level >= depth && typeof item === "object" && item !== null ? (isArray(item) ? "[Array]" : "[Object]") : fmt(item, level + 1, `${indent}  `);
    push(seen, v);
    let shape: ReturnType<typeof collectionParts>;
    try {
      shape = collectionParts(v, nested);
    } finally {
      seen.length -= 1;
    }
    if (!shape) return dateISOString(v);
    const { prefix, open, close, parts } = shape;
    if (parts.length === 0) return `${prefix}${open}${close}`;
    const flat = `${prefix}${open} ${arrayJoin(parts, ", ")} ${close}`;
    if (flat.length + indent.length <= 76 && stringIndexOf(flat, "\n") === -1) return flat;
    return `${prefix}${open}\n${indent}  ${arrayJoin(parts, `,\n${indent}  `)}\n${indent}${close}`;
  };
  try {
    return fmt(value, 0, "");
  } catch {
    return "[a value that could not be printed]";
  }
};
