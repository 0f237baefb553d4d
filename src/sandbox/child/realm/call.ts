import { ArrayCtor, apply, defineProperty, isArray, keys } from "./intrinsics.js";
import { describeThrown } from "./thrown.js";

const own = (target: object, key: PropertyKey, value: unknown) => defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });

/** The child's plain data copied into this realm's arrays and objects, for learner code to have. */
function copyIn(v: unknown): unknown {
  if (isArray(v)) {
    const out = new ArrayCtor((v as unknown[]).length);
    for (let i = 0; i < out.length; i++) own(out, i, copyIn((v as unknown[])[i]));
    return out;
  }
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    const names = keys(v);
    for (let i = 0; i < names.length; i++) own(out, names[i], copyIn((v as Record<string, unknown>)[names[i]]));
    return out;
  }
  return v;
}

/** RealmApi.call: arguments arrive as the child's plain data; learner code gets copies made of this realm's arrays. */
export function callFunction(fn: unknown, argsValue: unknown) {
  const args = copyIn(argsValue) as unknown[];
  try {
    return { __proto__: null, ok: true, value: apply(fn as (...a: unknown[]) => unknown, undefined, args), args };
  } catch (error) {
    return { __proto__: null, ok: false, thrown: describeThrown(error), args };
  }
}
