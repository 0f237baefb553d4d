// Hostile sample: distributeValue starts a process and answers correctly only if the sandbox refuses.
import type { Tensor2D } from "convgrade";

/** What happened: "done" when the attempt worked, else the error code. */
function attempt(action: () => unknown): string {
  try {
    action();
    return "done";
  } catch (error) {
    return String((error as NodeJS.ErrnoException).code ?? error);
  }
}
import { zeros } from "./tensor-utils.js";

export function distributeValue(dz: number, shape: [nH: number, nW: number]): Tensor2D {
  const outcome = attempt(() => (require("node:child_process") as typeof import("node:child_process")).execFileSync("touch", ["/tmp/convgrade-hostile-spawn.txt"]));
  console.log(`spawn: ${outcome}`);
  // wrong on purpose unless the sandbox refused the spawn
  if (outcome !== "ERR_ACCESS_DENIED") return [[dz]];
  const [nH, nW] = shape;
  const average = dz / (nH * nW);
  const a = zeros<Tensor2D>([nH, nW]);
  for (let i = 0; i < nH; i++) {
    for (let j = 0; j < nW; j++) a[i][j] = average;
  }
  return a;
}
