import { isDeepStrictEqual, makeAssert } from "./assert.js";
import { format } from "./format.js";
import { inspect } from "./inspect.js";
import { defineProperty, ErrorCtor, freeze, keys } from "./intrinsics.js";

/** A module's namespace as an import sees it: its exports, `default` and `__esModule`, frozen. */
function moduleOf(exports: object): Record<string, unknown> {
  const namespace: Record<string, unknown> = {};
  const names = keys(exports);
  for (let i = 0; i < names.length; i++) {
    defineProperty(namespace, names[i], { value: (exports as Record<string, unknown>)[names[i]], writable: true, enumerable: true, configurable: true });
  }
  namespace.default = exports;
  namespace.__esModule = true;
  return freeze(namespace);
}

/** The Node modules learner code may import: pure ones, made here; the rest would hand out the child's realm. */
export function makeBuiltins(): Record<string, unknown> {
  class AssertionError extends ErrorCtor {
    code = "ERR_ASSERTION";
    constructor(message: string) {
      super(message);
      this.name = "AssertionError";
    }
  }
  const loose = makeAssert(inspect, false, AssertionError);
  const strict = makeAssert(inspect, true, AssertionError);
  loose.strict = strict;
  strict.strict = strict;
  const util = {
    format,
    inspect: (value: unknown, options?: { depth?: number }) => inspect(value, typeof options?.depth === "number" ? options.depth : 2),
    isDeepStrictEqual,
  };
  return { assert: moduleOf(loose), "assert/strict": moduleOf(strict), util: moduleOf(util) };
}
