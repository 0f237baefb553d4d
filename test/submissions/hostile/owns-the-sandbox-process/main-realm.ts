// Hostile helper: reaches the sandbox process's main realm through a stack overflow inside the
// callback Node runs there to format a stack trace (the route), and says what it finds.
/* eslint-disable @typescript-eslint/no-explicit-any */
const OwnFunction = (() => undefined).constructor;
let caught: unknown;

function readStack(): void {
  try {
    void new Error("x").stack;
  } catch (error) {
    caught = error;
  }
}
function deep(n: number): void {
  if (n > 0) return deep(n - 1);
  return readStack();
}
function probe(n: number): void {
  if (n > 0) return probe(n - 1);
}

/** The main realm's globalThis, or undefined when no error of that realm came back. */
export function mainRealm(): any {
  let low = 0;
  let high = 1 << 20;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    try {
      probe(middle);
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  for (let round = 0; round < 3; round++) {
    for (let depth = low; depth > low - 4000; depth--) {
      caught = undefined;
      try {
        deep(depth);
      } catch (error) {
        caught = error;
      }
      const F = (caught as any)?.constructor?.constructor;
      if (typeof F === "function" && F !== OwnFunction) return F("return globalThis")();
    }
  }
  return undefined;
}

/** Everything on that realm's global that ECMAScript does not define: Node's ways to do things. */
export function dangerous(g: any): string {
  if (!g) return "none";
  const ecmascript = new Set(Object.getOwnPropertyNames(globalThis));
  const found = Object.getOwnPropertyNames(g).filter((name) => !ecmascript.has(name) && !["console"].includes(name));
  for (const name of ["process", "require", "fetch", "setTimeout", "queueMicrotask", "Buffer", "WebSocket"]) {
    try {
      if (g[name] !== undefined && !found.includes(name)) found.push(name);
    } catch {
      // a getter that throws holds nothing
    }
  }
  return found.join(",") || "none";
}
