import type { PoolCache, PoolHParameters, PoolMode, Tensor4D } from "convgrade";

/**
 * Pool every channel of APrev (m, nHPrev, nWPrev, nC) separately with an f×f window.
 * - Output size: nH = floor((nHPrev - f) / stride) + 1 (no padding here), same for nW; nC is unchanged.
 * - The window for output (h, w) starts at (h·stride, w·stride).
 * - "max" keeps the largest value of the window (it may be negative), "average" its mean.
 * Return [A, cache] where cache = [APrev, hparameters].
 */
export function poolForward(
  APrev: Tensor4D,
  hparameters: PoolHParameters,
  mode: PoolMode = "max",
): [Tensor4D, PoolCache] {
  throw new Error("Not implemented yet: poolForward");
}
