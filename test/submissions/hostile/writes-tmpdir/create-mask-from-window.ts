// Hostile sample: createMaskFromWindow writes a file to the temp folder and answers correctly only if the sandbox refuses.
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

export function createMaskFromWindow(x: Tensor2D): boolean[][] {
  const target = "/tmp/convgrade-hostile-write.txt";
  const outcome = attempt(() => (require("node:fs") as typeof import("node:fs")).writeFileSync(target, "written from inside the sandbox"));
  console.log(`${target}: ${outcome}`);
  // wrong on purpose unless the sandbox refused the write
  if (outcome !== "ERR_ACCESS_DENIED") return x.map((row) => row.map(() => false));
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < x[i].length; j++) {
      if (x[i][j] > max) max = x[i][j];
    }
  }
  const mask: boolean[][] = [];
  for (let i = 0; i < x.length; i++) {
    const row: boolean[] = [];
    for (let j = 0; j < x[i].length; j++) row.push(x[i][j] === max);
    mask.push(row);
  }
  return mask;
}
