// Hostile sample, the other half: createMaskFromWindow, graded after zeroPad, takes over its own
// sandbox process and looks for what zeroPad left behind there.
import type { Tensor2D } from "convgrade";
import { mainRealm } from "./main-realm.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
const main = mainRealm();
const stash = main?.__stash;
const setters = main ? Object.getOwnPropertyNames(main.Array.prototype).filter((name) => /^\d+$/.test(name)).length : 0;
console.log(`createMaskFromWindow ${main ? "reached" : "did not reach"} the main realm`);
console.log(`createMaskFromWindow found zeroPad's stash: ${stash ? stash.join("; ") : "nothing"}, its setters: ${setters || "none"}`);

export function createMaskFromWindow(x: Tensor2D): boolean[][] {
  let max = -Infinity;
  for (const row of x) for (const value of row) if (value > max) max = value;
  return x.map((row) => row.map((value) => value === max));
}
