/**
 * The realm's built-ins, captured when the bootstrap is evaluated in a new realm, before any learner
 * code runs there: whatever learner code later does to the realm's globals and prototypes, these
 * bindings keep the originals. This is the one module of the bootstrap that may name a global or call
 * a built-in's method directly (biome.json and lint/realm-intrinsics.grit check the others); they
 * import what they need from here. Wrappers take their receiver first and never look a method up.
 */

// The global object itself: the bootstrap installs console, process and the rest on it.
export const G = globalThis as unknown as Record<string, unknown>;

export const { apply, get: reflectGet } = Reflect;
export const { keys, defineProperty, getPrototypeOf, freeze, is, hasOwn } = Object;
export const { isArray } = Array;
export const { isView } = ArrayBuffer;
export const { min, trunc, round, floor } = Math;
export const { stringify: jsonStringify } = JSON;

export const ArrayCtor = Array;
export const StringCtor = String;
export const NumberCtor = Number;
export const BigIntCtor = BigInt;
export const ErrorCtor = Error;
export const ReferenceErrorCtor = ReferenceError;
export const ProxyCtor = Proxy;
export const MapCtor = Map;
export const SetCtor = Set;
export const DateCtor = Date;
export const WeakSetCtor = WeakSet;

/** The types of the captured constructors' instances, for modules that may not name the globals. */
export type ErrorObject = Error;
export type MapObject<K, V> = Map<K, V>;

const { getOwnPropertyDescriptor } = Object;
const getter = (proto: object, name: string) => getOwnPropertyDescriptor(proto, name)!.get!;
const mapProto = Map.prototype;
const setProto = Set.prototype;
const stringProto = String.prototype;
const arrayProto = Array.prototype;
const weakSetProto = WeakSet.prototype;
const typedArrayLength = getter(getPrototypeOf(Uint8Array.prototype), "length");
const mapSize = getter(mapProto, "size");
const setSize = getter(setProto, "size");
const { get: mapGetFn, set: mapSetFn, has: mapHasFn, entries: mapEntriesFn } = mapProto;
const { add: setAddFn, values: setValuesFn } = setProto;
const mapIteratorNext = getPrototypeOf(new Map().entries()).next as (this: unknown) => IteratorResult<[unknown, unknown]>;
const setIteratorNext = getPrototypeOf(new Set().values()).next as (this: unknown) => IteratorResult<unknown>;
const { add: weakAddFn, has: weakHasFn } = weakSetProto;
const { slice: strSliceFn, split: strSplitFn, replace: strReplaceFn, startsWith: strStartsFn, indexOf: strIndexOfFn } = stringProto;
const { join: arrJoinFn, indexOf: arrIndexOfFn } = arrayProto;
const regExpTestFn = RegExp.prototype.test;
const toFixedFn = Number.prototype.toFixed;
const { getTime: dateGetTimeFn, toISOString: dateToISOStringFn } = Date.prototype;
const fnToStringFn = Function.prototype.toString;

/** fn.call(self, ...args), without reading fn.call (which learner code can replace). */
export const call = (fn: unknown, self: unknown, ...args: unknown[]): unknown => apply(fn as (...a: unknown[]) => unknown, self, args);

/** list.push(item), without Array.prototype.push and without setters learner code put on the prototype. */
export const push = (list: unknown[], item: unknown): void => {
  defineProperty(list, list.length, { value: item, writable: true, enumerable: true, configurable: true });
};

export const stringSlice = (s: string, start: number, end?: number): string => apply(strSliceFn, s, [start, end]);
export const stringSplit = (s: string, separator: string): string[] => apply(strSplitFn, s, [separator]);
export const stringReplace = (s: string, pattern: RegExp, replacement: string | ((match: string) => string)): string =>
  apply(strReplaceFn, s, [pattern, replacement]) as string;
export const startsWith = (s: string, prefix: string): boolean => apply(strStartsFn, s, [prefix]);
export const stringIndexOf = (s: string, search: string): number => apply(strIndexOfFn, s, [search]);
export const arrayJoin = (list: unknown[], separator: string): string => apply(arrJoinFn, list, [separator]);
export const arrayIndexOf = (list: unknown[], item: unknown): number => apply(arrIndexOfFn, list, [item]);
export const regExpTest = (pattern: RegExp, s: string): boolean => apply(regExpTestFn, pattern, [s]);
export const toFixed = (n: number, digits: number): string => apply(toFixedFn, n, [digits]);
export const dateTime = (date: unknown): number => apply(dateGetTimeFn, date, []);
export const dateISOString = (date: unknown): string => apply(dateToISOStringFn, date, []);
export const functionSource = (fn: unknown): string => apply(fnToStringFn, fn, []);
export const typedLength = (view: unknown): number => apply(typedArrayLength, view, []);

export const mapGet = (map: unknown, key: unknown): unknown => apply(mapGetFn, map, [key]);
export const mapSet = (map: unknown, key: unknown, value: unknown): void => void apply(mapSetFn, map, [key, value]);
export const mapHas = (map: unknown, key: unknown): boolean => apply(mapHasFn, map, [key]);
export const mapSizeOf = (map: unknown): number => apply(mapSize, map, []);
export const setAdd = (set: unknown, item: unknown): void => void apply(setAddFn, set, [item]);
export const setSizeOf = (set: unknown): number => apply(setSize, set, []);
export const weakSetAdd = (set: unknown, item: object): void => void apply(weakAddFn, set, [item]);
export const weakSetHas = (set: unknown, item: unknown): boolean => apply(weakHasFn, set, [item]);

/** A Map's [key, value] pairs, read with its own iterator's original next (no for...of, whose protocol learner code can replace). */
export function mapEntries(map: unknown): [unknown, unknown][] {
  const out: [unknown, unknown][] = [];
  const iterator = apply(mapEntriesFn, map, []);
  for (let step = apply(mapIteratorNext, iterator, []); !step.done; step = apply(mapIteratorNext, iterator, [])) push(out, step.value);
  return out;
}

/** A Set's items, the same way. */
export function setValues(set: unknown): unknown[] {
  const out: unknown[] = [];
  const iterator = apply(setValuesFn, set, []);
  for (let step = apply(setIteratorNext, iterator, []); !step.done; step = apply(setIteratorNext, iterator, [])) push(out, step.value);
  return out;
}
