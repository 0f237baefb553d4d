/** Learner values turned into plain, bounded data, and thrown values described, without trusting either. */

import { MAX_OBJECT_ENTRIES, MAX_VALUE_DEPTH } from "../../limits.js";
import type { ThrownInfo } from "../protocol.js";
import {
  apply,
  defineProperty,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  isArray,
  isInteger,
  isView,
  objectKeys,
  objectPrototype,
  StringCtor,
} from "./primordials.js";

// Captured when the bundle loads, before learner code runs: identity of learner arrays is looked up in a
// WeakMap of this realm, which reads no property of the key and runs no trap of a Proxy.
const WeakMapCtor = WeakMap;
const { get: weakGet, set: weakSet } = WeakMap.prototype;
/** At most this many pairs of shared arrays are reported: one is enough to tell, a few to show where. */
const MAX_ALIASES = 8;

/** Where an array sits in the value: its parent's place and its index there (-1: an object's entry). */
interface Place {
  up: Place | undefined;
  index: number;
}

/** The indices from the value down to a place (the grader locates rows by array indices only). */
function pathOf(place: Place | undefined): number[] {
  const reversed: number[] = [];
  for (let at = place; at !== undefined && at.up !== undefined; at = at.up) put(reversed, reversed.length, at.index);
  const path: number[] = [];
  for (let i = reversed.length - 1; i >= 0; i--) put(path, path.length, reversed[i]);
  return path;
}

/**
 * Arrays met twice in one value (rows made by `Array(n).fill(row)`): the path of each later visit beside
 * the path of the first, the grader's evidence that writing into one row wrote into all. A visit costs a
 * look-up and a small record; paths are spelled out only for the few pairs reported.
 */
function aliasTracker() {
  const first = new WeakMapCtor<object, Place>();
  const aliases: [number[], number[]][] = [];
  return {
    aliases,
    /** Notes a visit of an array or typed array (never a cycle: an ancestor is reported as one), and returns its place. */
    visit(node: object, up: Place | undefined, index: number): Place {
      const place: Place = { up, index };
      const seen = apply(weakGet, first, [node]) as Place | undefined;
      if (seen === undefined) apply(weakSet, first, [node, place]);
      else if (aliases.length < MAX_ALIASES) put(aliases, aliases.length, [pathOf(place), pathOf(seen)]);
      return place;
    },
  };
}

function describe(value: unknown): string {
  try {
    if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    if (typeof value === "object" && value !== null) return "an object";
    return StringCtor(value);
  } catch {
    return "an unprintable value";
  }
}

/**
 * Sets element i of an array of ours as an own property, never through an assignment: a setter that
 * code which reached this realm put on Array.prototype would run on an assignment to a hole.
 */
export function put(array: unknown[], index: number, value: unknown): void {
  defineProperty(array, index, { value, writable: true, enumerable: true, configurable: true });
}

/** One own data property of a record, without running a getter (a Proxy's trap may run, and is handed nothing of ours). */
export function ownData(record: unknown, name: string): unknown {
  if (typeof record !== "object" || record === null) return undefined;
  const descriptor = getOwnPropertyDescriptor(record, name);
  return descriptor && "value" in descriptor ? descriptor.value : undefined;
}

/**
 * A thrown value as the realm described it: strings it read itself (describeThrown in
 * realm/thrown.ts). The child never reads a learner error's stack: the first read of a stack
 * calls Error.prepareStackTrace, which learner code sets, with call sites of the reader's realm.
 */
export function thrownOf(described: unknown): ThrownInfo {
  const string = (name: string, max: number) => {
    const value = ownData(described, name);
    return typeof value === "string" ? value.slice(0, max) : "";
  };
  const message = string("message", 2000);
  const stack = string("stack", 8000);
  return { name: string("name", 200) || "Error", message, ...(stack ? { stack } : {}), notImplemented: /^not implemented/i.test(message) };
}

/** What an error of the child's own making says (V8's, for a module it cannot compile); never for a learner value. */
export function thrownInfo(error: unknown): ThrownInfo {
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
  if (name.length > 200) name = `${name.slice(0, 200)}…`;
  if (message.length > 2000) message = `${message.slice(0, 2000)}…`;
  if (stack && stack.length > 8000) stack = stack.slice(0, 8000);
  return { name, message, stack, notImplemented: /^not implemented/i.test(message) };
}

/**
 * Converts a learner value into plain data, with a budget on size and depth. The budget counts every
 * element and entry at every visit, so a value that shares parts of itself costs what its copy would.
 * When arrays of the value are one object met twice, it comes wrapped: `{ $wire: "shared", value,
 * aliases }` (src/sandbox/validate.ts unwraps it).
 */
export function toWire(value: unknown, maxElements: number): unknown {
  const tracker = aliasTracker();
  const converted = convertValue(value, maxElements, tracker);
  return tracker.aliases.length > 0 ? { $wire: "shared", value: converted, aliases: tracker.aliases } : converted;
}

/** A typed array's elements as a plain array; `charge` takes them from the value's budget, false when it runs out. */
function viewToWire(node: object, maxElements: number, charge: (count: number) => boolean): unknown {
  const view = node as unknown as ArrayLike<unknown>;
  const length = view.length;
  if (typeof length !== "number" || !isInteger(length) || length < 0) return { $wire: "other", description: "a DataView or a typed array with an odd length" };
  if (!charge(length)) return { $wire: "too-large", count: length, limit: maxElements };
  const out = new Array(length);
  for (let i = 0; i < length; i++) put(out, i, typeof view[i] === "bigint" ? { $wire: "other", description: "a bigint" } : view[i]);
  return out;
}

function convertValue(value: unknown, maxElements: number, tracker: ReturnType<typeof aliasTracker>): unknown {
  let budget = maxElements;
  let entryBudget = MAX_OBJECT_ENTRIES;
  const ancestors: unknown[] = [];
  const charge = (count: number) => {
    budget -= count;
    return budget >= 0;
  };
  const convert = (node: unknown, depth: number, up?: Place, index = 0): unknown => {
    const type = typeof node;
    if (type === "number" || type === "boolean" || type === "undefined" || node === null) return node;
    if (type === "string") return (node as string).length > 200 ? `${(node as string).slice(0, 200)}…` : node;
    if (type === "function") return { $wire: "function", name: "" };
    if (type !== "object") return { $wire: "other", description: `a ${type}` };
    if (depth > MAX_VALUE_DEPTH) return { $wire: "too-deep" };
    for (let i = 0; i < ancestors.length; i++) if (ancestors[i] === node) return { $wire: "cycle" };
    const mark = ancestors.length;
    try {
      if (isView(node)) {
        tracker.visit(node, up, index);
        return viewToWire(node, maxElements, charge);
      }
      if (isArray(node)) {
        // A Proxy's length can be anything: only a plain whole number is used.
        const length = (node as unknown[]).length;
        if (typeof length !== "number" || !isInteger(length) || length < 0)
          return { $wire: "unreadable", message: "an array whose length is not a whole number" };
        if (!charge(length)) return { $wire: "too-large", count: length, limit: maxElements };
        const place = tracker.visit(node, up, index);
        const out = new Array(length);
        put(ancestors, ancestors.length, node);
        for (let i = 0; i < length; i++) put(out, i, i in (node as object) ? convert((node as unknown[])[i], depth + 1, place, i) : { $wire: "hole" });
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
      // Entries count like elements, at every visit: one object shared a million times is a million entries.
      budget -= names.length + 1;
      entryBudget -= names.length + 1;
      if (budget < 0 || entryBudget < 0) return { $wire: "too-large", count: names.length, limit: maxElements };
      const entries: [string, unknown][] = [];
      put(ancestors, ancestors.length, node);
      const entry: Place = { up, index };
      for (let i = 0; i < names.length; i++)
        put(entries, i, [names[i].slice(0, 200), convert((node as Record<string, unknown>)[names[i]], depth + 1, entry, -1)]);
      ancestors.length -= 1;
      return { $wire: "object", ctor, entries };
    } catch (error) {
      ancestors.length = mark;
      // A getter or trap of the learner's threw: say so without reading what it threw.
      const message = ownData(error, "message");
      return { $wire: "unreadable", message: typeof message === "string" ? message.slice(0, 300) : "reading it threw" };
    }
  };
  return convert(value, 0);
}
