// Hostile sample: zeroPad takes over the sandbox process's main realm, then tries what the issue's
// attacks did from there: Node's globals (process, fetch, timers), a stash on that realm's global for
// a function graded later, and setters on its Array.prototype that the child's encoder would run.
import type { Tensor4D } from "convgrade";
import { dangerous, mainRealm } from "./main-realm.js";
import { zeros } from "./tensor-utils.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
const main = mainRealm();
console.log(`zeroPad ${main ? "reached" : "did not reach"} the main realm`);
console.log(`zeroPad reached in the sandbox process: ${dangerous(main)}`);
if (main) {
  main.__stash = ["zeroPad was here"];
  for (let index = 0; index < 64; index++) {
    // A value written to a hole of a new array the sandbox builds lands here instead, and is lost.
    Object.defineProperty(main.Array.prototype, index, { set() {}, get: () => undefined, configurable: true });
  }
  try {
    main.setTimeout?.(() => console.log("zeroPad's timer fired"), 0);
  } catch {
    // no timers
  }
}

export function zeroPad(X: Tensor4D, pad: number): Tensor4D {
  main?.__stash?.push(`args ${X[0][0][0][0]} ${pad}`);
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
