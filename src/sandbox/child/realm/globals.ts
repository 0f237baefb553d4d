import { defineProperty, G, keys } from "./intrinsics.js";

function install(record: Record<string, unknown>): void {
  const names = keys(record);
  for (let i = 0; i < names.length; i++) defineProperty(G, names[i], { value: record[names[i]], writable: true, enumerable: false, configurable: true });
}

/** Sets the realm's globals beside JavaScript's own. Timers never fire: requests are served synchronously. */
export function installGlobals(globals: Record<string, unknown>, now: () => number): void {
  let timerId = 0;
  const noTimer = () => ++timerId;
  install(globals);
  install({
    performance: { now: () => now(), timeOrigin: 0 },
    setTimeout: noTimer,
    setInterval: noTimer,
    setImmediate: noTimer,
    clearTimeout: () => undefined,
    clearInterval: () => undefined,
    clearImmediate: () => undefined,
    queueMicrotask: () => undefined,
  });
  defineProperty(G, "global", { value: G, writable: true, enumerable: false, configurable: true });
}
