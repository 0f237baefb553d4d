// Sample mistake: mode has no default and neither branch runs when it is left out: dAPrev stays zero.
import type { PoolCache, PoolMode, Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

export function poolBackward(dA: Tensor4D, cache: PoolCache, mode?: PoolMode): Tensor4D {
  const [APrev, { f, stride }] = cache;
  const dAPrev = zeros<Tensor4D>([APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length]);
  dA.forEach((image, i) =>
    image.forEach((row, h) =>
      row.forEach((cell, w) =>
        cell.forEach((g, c) => {
          const cells: [number, number][] = [];
          for (let r = 0; r < f; r++) for (let s = 0; s < f; s++) cells.push([h * stride + r, w * stride + s]);
          if (mode === "max") {
            const top = Math.max(...cells.map(([y, x]) => APrev[i][y][x][c]));
            for (const [y, x] of cells) if (APrev[i][y][x][c] === top) dAPrev[i][y][x][c] += g;
          } else if (mode === "average") {
            for (const [y, x] of cells) dAPrev[i][y][x][c] += g / (f * f);
          }
        }),
      ),
    ),
  );
  return dAPrev;
}
