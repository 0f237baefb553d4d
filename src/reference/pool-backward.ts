import type { PoolCache, PoolMode, Tensor2D, Tensor4D } from "../types.js";
import { forEachWindow, zeros4 } from "./_tensor.js";
import { createMaskFromWindow as createMaskUntraced } from "./create-mask-from-window.js";
import { distributeValue as distributeValueUntraced } from "./distribute-value.js";
import { traced } from "./trace.js";

const createMaskFromWindow = traced("createMaskFromWindow", createMaskUntraced);
const distributeValue = traced("distributeValue", distributeValueUntraced);

/** Backward pooling: dAPrev shaped like the cached APrev; mode "max" (default) or "average". */
export function poolBackward(dA: Tensor4D, cache: PoolCache, mode: PoolMode = "max"): Tensor4D {
  const [APrev, { f, stride }] = cache;
  const m = dA.length;
  const nH = dA[0].length;
  const nW = dA[0][0].length;
  const nC = dA[0][0][0].length;
  const dAPrev = zeros4(APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length);
  forEachWindow([m, nH, nW, nC], stride, (i, h, w, c, vertStart, horizStart) => {
    const g = dA[i][h][w][c];
    let share: Tensor2D;
    if (mode === "max") {
      const window: Tensor2D = [];
      for (let r = 0; r < f; r++) {
        const row: number[] = [];
        for (let s = 0; s < f; s++) row.push(APrev[i][vertStart + r][horizStart + s][c]);
        window.push(row);
      }
      share = createMaskFromWindow(window).map((row) => row.map((isMax) => (isMax ? g : 0)));
    } else {
      share = distributeValue(g, [f, f]);
    }
    // '+=' not '=': overlapping windows (stride < f) each add their share.
    for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) dAPrev[i][vertStart + r][horizStart + s][c] += share[r][s];
  });
  return dAPrev;
}
