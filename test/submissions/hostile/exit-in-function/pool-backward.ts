// Hostile sample: poolBackward ends the process, hoping an exit code 0 counts as a pass.
import type { PoolCache, PoolMode, Tensor2D, Tensor4D } from "convgrade";
import { createMaskFromWindow } from "./create-mask-from-window.js";
import { distributeValue } from "./distribute-value.ts";
import { zeros } from "./tensor-utils.js";

export function poolBackward(dA: Tensor4D, cache: PoolCache, mode: PoolMode = "max"): Tensor4D {
  process.exit(0);
  const [APrev, hparameters] = cache;
  const stride = hparameters.stride;
  const f = hparameters.f;
  const m = APrev.length;
  const nHPrev = APrev[0].length;
  const nWPrev = APrev[0][0].length;
  const nCPrev = APrev[0][0][0].length;
  const nH = dA[0].length;
  const nW = dA[0][0].length;
  const nC = dA[0][0][0].length;

  const dAPrev = zeros<Tensor4D>([m, nHPrev, nWPrev, nCPrev]);

  for (let i = 0; i < m; i++) {
    const aPrev = APrev[i];
    for (let h = 0; h < nH; h++) {
      for (let w = 0; w < nW; w++) {
        for (let c = 0; c < nC; c++) {
          const vertStart = h * stride;
          const horizStart = w * stride;
          if (mode === "max") {
            const aPrevSlice: Tensor2D = [];
            for (let r = 0; r < f; r++) {
              const row: number[] = [];
              for (let s = 0; s < f; s++) row.push(aPrev[vertStart + r][horizStart + s][c]);
              aPrevSlice.push(row);
            }
            const mask = createMaskFromWindow(aPrevSlice);
            for (let r = 0; r < f; r++) {
              for (let s = 0; s < f; s++) {
                // += because windows overlap when stride < f
                if (mask[r][s]) dAPrev[i][vertStart + r][horizStart + s][c] += dA[i][h][w][c];
              }
            }
          } else if (mode === "average") {
            const da = dA[i][h][w][c];
            const shape: [number, number] = [f, f];
            const spread = distributeValue(da, shape);
            for (let r = 0; r < f; r++) {
              for (let s = 0; s < f; s++) dAPrev[i][vertStart + r][horizStart + s][c] += spread[r][s];
            }
          }
        }
      }
    }
  }

  return dAPrev;
}
