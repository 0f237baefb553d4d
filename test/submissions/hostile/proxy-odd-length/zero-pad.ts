// Hostile sample: zeroPad returns a Proxy whose length is an object that converts to 2,000,000 only
// through its prototype; once copied out of the sandbox it would be an object no String() can print.
import type { Tensor4D } from "convgrade";

const toMillions = { [Symbol.toPrimitive]: () => 2e6 };
const count = Object.assign(Object.create(toMillions), { toString: 0, valueOf: 0 });

export function zeroPad(_X: Tensor4D, _pad: number): Tensor4D {
  return new Proxy([], { get: (target, key) => (key === "length" ? count : Reflect.get(target, key)) }) as unknown as Tensor4D;
}
