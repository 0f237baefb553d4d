// Hostile sample: poolForward answers correctly, but waits under the time limit on every call (a wait
// that costs no CPU), so that no call ever times out and the run would take minutes. Under it, not just
// under it: 500 ms against the 1500 ms the sample is run with, so that a loaded machine adds no time-out.
import type { PoolCache, PoolHParameters, PoolMode, Tensor4D } from "convgrade";
import { sliceWindow, zeros } from "./tensor-utils.js";

function poolForwardAtOnce(
  APrev: Tensor4D,
  hparameters: PoolHParameters,
  mode: PoolMode = "max",
): [Tensor4D, PoolCache] {
  const m = APrev.length;
  const nHPrev = APrev[0].length;
  const nWPrev = APrev[0][0].length;
  const nCPrev = APrev[0][0][0].length;
  const f = hparameters.f;
  const stride = hparameters.stride;

  const nH = Math.floor(1 + (nHPrev - f) / stride);
  const nW = Math.floor(1 + (nWPrev - f) / stride);
  const nC = nCPrev;
  const A = zeros<Tensor4D>([m, nH, nW, nC]);

  for (let i = 0; i < m; i++) {
    for (let h = 0; h < nH; h++) {
      const vertStart = h * stride;
      const vertEnd = vertStart + f;
      for (let w = 0; w < nW; w++) {
        const horizStart = w * stride;
        const horizEnd = horizStart + f;
        for (let c = 0; c < nC; c++) {
          const aPrevSlice = sliceWindow(APrev[i], vertStart, vertEnd, horizStart, horizEnd);
          if (mode === "max") {
            // -Infinity, not 0: a window may hold only negative values
            let best = -Infinity;
            for (const row of aPrevSlice) {
              for (const pixel of row) if (pixel[c] > best) best = pixel[c];
            }
            A[i][h][w][c] = best;
          } else if (mode === "average") {
            let sum = 0;
            let count = 0;
            for (const row of aPrevSlice) {
              for (const pixel of row) {
                sum += pixel[c];
                count++;
              }
            }
            A[i][h][w][c] = sum / count;
          }
        }
      }
    }
  }

  const cache: PoolCache = [APrev, hparameters];
  return [A, cache];
}

const cell = new Int32Array(new SharedArrayBuffer(4));

export function poolForward(...args: Parameters<typeof poolForwardAtOnce>): ReturnType<typeof poolForwardAtOnce> {
  Atomics.wait(cell, 0, 0, 500);
  return poolForwardAtOnce(...args);
}
