/**
 * Answers from the child, rebuilt from checked fields. The child's own code sends well-formed
 * answers, but it shares a process with learner code: the grader must never crash, or read more
 * than plain bounded data, whatever arrives.
 */
import { MAX_ELEMENTS, MAX_OBJECT_ENTRIES, MAX_WIRE_DEPTH } from "../limits.js";
import type { CallItem, LoadFailure, Response, ThrownInfo } from "./protocol.js";

const text = (value: unknown, max = 2000): string => (typeof value === "string" ? value.slice(0, max) : "");
const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const optionalNumber = (value: unknown): number | undefined => (typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined);

export function thrownOf(value: unknown): ThrownInfo {
  const r = record(value);
  const stack = typeof r.stack === "string" ? r.stack.slice(0, 8000) : undefined;
  return { name: text(r.name, 200) || "Error", message: text(r.message), ...(stack !== undefined ? { stack } : {}), notImplemented: r.notImplemented === true };
}

export function loadFailureOf(value: unknown): LoadFailure {
  const r = record(value);
  const file = text(r.file, 4096);
  switch (r.kind) {
    case "missing-file":
      return { kind: "missing-file", file };
    case "syntax":
      return { kind: "syntax", file, message: text(r.message), line: optionalNumber(r.line), column: optionalNumber(r.column) };
    case "unusable":
      return { kind: "unusable", file, message: text(r.message) };
    case "bad-import":
      return { kind: "bad-import", file, specifier: text(r.specifier, 300), message: text(r.message) };
    case "missing-export":
      return {
        kind: "missing-export",
        file,
        exportName: text(r.exportName, 100),
        exports: Array.isArray(r.exports) ? r.exports.slice(0, 50).map((n) => text(n, 100)) : [],
      };
    default:
      return { kind: "threw", file, thrown: thrownOf(r.thrown) };
  }
}

/** A "loaded" answer, checked. */
export function loadedOf(m: Record<string, unknown>): Response {
  const id = Number(m.id);
  if (m.ok === true)
    return { type: "loaded", id, ok: true, files: Array.isArray(m.files) ? m.files.filter((f): f is string => typeof f === "string").slice(0, 500) : [] };
  return { type: "loaded", id, ok: false, failure: loadFailureOf(m.failure) };
}

const number = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);

/**
 * A returned value rebuilt as the grading code expects it: numbers, booleans, short strings, null,
 * undefined, arrays, and the child's tags with checked fields. Anything else (an object with a
 * toString of its own, a bigint, a Map) becomes a tag saying so, so no later String() or comparison
 * can throw or be fooled.
 */
export function wireOf(value: unknown): unknown {
  const budget = { left: MAX_ELEMENTS * 2, entries: MAX_OBJECT_ENTRIES * 2 };
  const rebuilt = rebuild(value, 0, budget);
  // Shared references can make a small frame stand for a huge tree: past the budget, nothing is kept.
  return budget.left < 0 ? { $wire: "too-large", count: MAX_ELEMENTS * 2 - budget.left, limit: MAX_ELEMENTS } : rebuilt;
}

function rebuild(value: unknown, depth: number, budget: { left: number; entries: number }): unknown {
  if (--budget.left < 0) return undefined;
  const type = typeof value;
  if (type === "number" || type === "boolean" || value === undefined || value === null) return value;
  if (type === "string") return (value as string).slice(0, 210);
  if (depth > MAX_WIRE_DEPTH) return { $wire: "too-deep" };
  if (Array.isArray(value)) {
    budget.left -= value.length;
    return budget.left < 0 ? undefined : value.map((item) => rebuild(item, depth + 1, budget));
  }
  const r = record(value);
  switch (r.$wire) {
    case "hole":
    case "promise":
    case "cycle":
    case "too-deep":
      return { $wire: r.$wire };
    case "function":
      return { $wire: "function", name: text(r.name, 100) };
    case "too-large":
      return { $wire: "too-large", count: number(r.count), limit: number(r.limit) };
    case "unreadable":
      return { $wire: "unreadable", message: text(r.message) };
    case "other":
      return { $wire: "other", description: text(r.description, 200) };
    case "object": {
      const entries = Array.isArray(r.entries) ? r.entries.slice(0, 50) : [];
      budget.entries -= entries.length + 1;
      if (budget.entries < 0) budget.left = -1;
      return {
        $wire: "object",
        ctor: text(r.ctor, 100) || "?",
        entries: entries.map((entry) => (Array.isArray(entry) ? [text(entry[0], 200), rebuild(entry[1], depth + 1, budget)] : ["?", undefined])),
      };
    }
    default:
      return { $wire: "other", description: "a value the sandbox could not describe" };
  }
}

/** At most this many alias pairs are kept (the child sends 8). */
const MAX_ALIASES = 8;

/** An alias path: indices of arrays, or -1 for an object's entry; undefined when malformed. */
function pathOf(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_WIRE_DEPTH + 1) return undefined;
  return value.every((i) => typeof i === "number" && Number.isInteger(i) && i >= -1 && i < MAX_ELEMENTS) ? (value as number[]) : undefined;
}

/**
 * A value the child wrapped because arrays in it are one object met twice (see toWire in
 * child/wire.ts): the value itself, and the checked pairs of paths [later visit, first visit].
 */
export function unwrapShared(value: unknown): { value: unknown; aliases?: [number[], number[]][] } {
  const r = record(value);
  if (r.$wire !== "shared") return { value };
  const aliases: [number[], number[]][] = [];
  for (const pair of Array.isArray(r.aliases) ? r.aliases.slice(0, MAX_ALIASES) : []) {
    const [later, first] = Array.isArray(pair) ? [pathOf(pair[0]), pathOf(pair[1])] : [];
    if (later && first) aliases.push([[...later], [...first]]);
  }
  return aliases.length ? { value: r.value, aliases } : { value: r.value };
}

/** An "item" answer, checked; the value and arguments are rebuilt as plain data (see wireOf). */
export function itemOf(m: Record<string, unknown>): CallItem {
  const id = Number(m.id);
  const index = Number(m.index);
  if (m.ok === true) {
    const { value, aliases } = unwrapShared(m.value);
    // Arguments with shared rows are still the arguments: whether they were changed is checked as ever.
    const args = unwrapShared(m.args).value;
    return {
      type: "item",
      id,
      index,
      ok: true,
      value: wireOf(value),
      args: Array.isArray(args) ? (wireOf(args) as unknown[]) : undefined,
      ms: typeof m.ms === "number" ? m.ms : undefined,
      ...(aliases ? { aliases } : {}),
    };
  }
  if (m.failure !== undefined) return { type: "item", id, index, ok: false, failure: loadFailureOf(m.failure) };
  return { type: "item", id, index, ok: false, thrown: thrownOf(m.thrown) };
}
