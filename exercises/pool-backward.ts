import type { PoolCache, PoolMode, Tensor4D } from "convgrade";

/**
 * Backpropagate through poolForward. dA (m, nH, nW, nC) is the gradient with respect to its output.
 * 1. Start dAPrev at zero, shaped like APrev.
 * 2. For every example, output position (h, w) and channel c, find the f×f window poolForward used:
 *    - "max": only the maximum of the window receives dA[i, h, w, c] (createMaskFromWindow helps);
 *    - "average": every entry receives its share (distributeValue helps).
 *    Windows can overlap when stride < f, so add into dAPrev rather than overwrite it.
 * Return dAPrev; leave dA and the cache unchanged.
 */
export function poolBackward(dA: Tensor4D, cache: PoolCache, mode: PoolMode = "max"): Tensor4D {
  throw new Error("Not implemented yet: poolBackward");
}
