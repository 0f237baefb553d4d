import type { Inspect } from "./inspect.js";
import { ErrorCtor, type ErrorObject, getPrototypeOf, hasOwn, is, keys, StringCtor } from "./intrinsics.js";

/** node:assert's deep equality: own enumerable keys, prototypes too when strict. */
function deepEqual(a: unknown, b: unknown, strictly: boolean): boolean {
  // biome-ignore lint/suspicious/noDoubleEquals: assert.deepEqual is loose equality by definition
  if (strictly ? is(a, b) : a == b || is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (strictly && getPrototypeOf(a) !== getPrototypeOf(b)) return false;
  const ka = keys(a);
  if (ka.length !== keys(b).length) return false;
  for (let i = 0; i < ka.length; i++) {
    const key = ka[i];
    if (!hasOwn(b, key) || !deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], strictly)) return false;
  }
  return true;
}

/** node:assert (loose when `strict` is false) for this realm. */
export function makeAssert(inspect: Inspect, strict: boolean, AssertionError: new (message: string) => ErrorObject) {
  // biome-ignore lint/suspicious/noDoubleEquals: assert.equal is loose equality by definition
  const loose = (a: unknown, b: unknown) => a == b;
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
  const names = keys(methods);
  for (let i = 0; i < names.length; i++) (assert as unknown as Record<string, unknown>)[names[i]] = methods[names[i]];
  return assert as unknown as Record<string, unknown>;
}

/** util.isDeepStrictEqual. */
export const isDeepStrictEqual = (a: unknown, b: unknown): boolean => deepEqual(a, b, true);
