// Hostile sample: zeroPad reads /etc/hostname and answers correctly only if the sandbox refuses.
import type { Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

/** What happened: "done" when the attempt worked, else the error code. */
function attempt(action: () => unknown): string {
  try {
    action();
    return "done";
  } catch (error) {
    return String((error as NodeJS.ErrnoException).code ?? error);
  }
}

export function zeroPad(X: Tensor4D, pad: number): Tensor4D {
  const outcome = attempt(() => (require("node:fs") as typeof import("node:fs")).readFileSync("/etc/hostname", "utf8"));
  console.log(`/etc/hostname: ${outcome}`);
  // wrong on purpose unless the sandbox refused the read
  if (outcome !== "ERR_ACCESS_DENIED") return X;
  const m = X.length;
  const nH = X[0].length;
  const nW = X[0][0].length;
  const nC = X[0][0][0].length;
  const XPad = zeros<Tensor4D>([m, nH + 2 * pad, nW + 2 * pad, nC]);
  for (let i = 0; i < m; i++) {
    for (let h = 0; h < nH; h++) {
      for (let w = 0; w < nW; w++) {
        for (let c = 0; c < nC; c++) {
          XPad[i][h + pad][w + pad][c] = X[i][h][w][c];
        }
      }
    }
  }
  return XPad;
}
