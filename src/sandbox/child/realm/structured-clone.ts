import {
  ArrayCtor,
  DateCtor,
  dateTime,
  defineProperty,
  ErrorCtor,
  isArray,
  isView,
  keys,
  MapCtor,
  mapEntries,
  mapGet,
  mapHas,
  mapSet,
  SetCtor,
  StringCtor,
  setAdd,
  setValues,
} from "./intrinsics.js";

/** structuredClone for plain data, typed arrays, Map, Set and Date, within this realm. */
export const structuredClone = (value: unknown): unknown => {
  const copies = new MapCtor<unknown, unknown>();
  const keep = <T>(v: unknown, out: T): T => {
    mapSet(copies, v, out);
    return out;
  };
  const clone = (v: unknown): unknown => {
    if (typeof v === "function" || typeof v === "symbol") throw new ErrorCtor(`${StringCtor(typeof v)} could not be cloned.`);
    if (typeof v !== "object" || v === null) return v;
    if (mapHas(copies, v)) return mapGet(copies, v);
    if (isView(v)) return keep(v, new (v as unknown as { constructor: new (x: unknown) => unknown }).constructor(v));
    if (v instanceof DateCtor) return new DateCtor(dateTime(v));
    if (v instanceof MapCtor) {
      const out = keep(v, new MapCtor());
      const entries = mapEntries(v);
      for (let i = 0; i < entries.length; i++) mapSet(out, clone(entries[i][0]), clone(entries[i][1]));
      return out;
    }
    if (v instanceof SetCtor) {
      const out = keep(v, new SetCtor());
      const items = setValues(v);
      for (let i = 0; i < items.length; i++) setAdd(out, clone(items[i]));
      return out;
    }
    const out = keep(v, (isArray(v) ? new ArrayCtor((v as unknown[]).length) : {}) as Record<string, unknown>);
    const names = keys(v as object);
    for (let i = 0; i < names.length; i++) {
      const key = names[i];
      defineProperty(out, key, { value: clone((v as Record<string, unknown>)[key]), writable: true, enumerable: true, configurable: true });
    }
    return out;
  };
  return clone(value);
};
