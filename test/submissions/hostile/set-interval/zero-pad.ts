// Hostile sample: zero-pad.ts leaves intervals running, at load and on every call.
import type { Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

// Timers that would print, or end the process, if they ever got a turn.
setInterval(() => console.log("tick"), 1);
setTimeout(() => process.exit(0), 0);

export function zeroPad(X: Tensor4D, pad: number): Tensor4D {
  setInterval(() => undefined, 10);
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
