// Sample mistake: in max mode a window's gradient is divided among its tied maxima.
import type { PoolCache, PoolMode, Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

export function poolBackward(dA: Tensor4D, cache: PoolCache, mode: PoolMode = "max"): Tensor4D {
  const [APrev, hparameters] = cache;
  const { f, stride } = hparameters;
  const dAPrev = zeros<Tensor4D>([APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length]);
  for (let i = 0; i < dA.length; i++)
    for (let h = 0; h < dA[i].length; h++)
      for (let w = 0; w < dA[i][h].length; w++)
        for (let c = 0; c < dA[i][h][w].length; c++) {
          const g = dA[i][h][w][c];
          const window: { y: number; x: number; v: number }[] = [];
          for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) window.push({ y: h * stride + r, x: w * stride + s, v: APrev[i][h * stride + r][w * stride + s][c] });
          const targets = mode === "average" ? window : window.filter((cell) => cell.v === Math.max(...window.map((o) => o.v)));
          for (const cell of targets) dAPrev[i][cell.y][cell.x][c] += g / targets.length;
        }
  return dAPrev;
}
