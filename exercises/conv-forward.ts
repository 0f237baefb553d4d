import type { ConvCache, ConvHParameters, Tensor4D } from "convgrade";

/**
 * Convolve the batch APrev (m, nHPrev, nWPrev, nCPrev) with the nC filters of W (f, f, nCPrev, nC).
 * 1. Work out the output size: nH = floor((nHPrev - f + 2·pad) / stride) + 1, and the same for nW.
 * 2. Pad APrev with zeroPad (your own function can be imported from "./zero-pad").
 * 3. For every example, output row h, output column w and filter c, take the f×f slice whose top-left
 *    corner is at (h·stride, w·stride) and apply convSingleStep with filter c and bias b[0][0][0][c].
 * Return [Z, cache] where cache = [APrev, W, b, hparameters], the inputs unchanged.
 */
export function convForward(
  APrev: Tensor4D,
  W: Tensor4D,
  b: Tensor4D,
  hparameters: ConvHParameters,
): [Tensor4D, ConvCache] {
  throw new Error("Not implemented yet: convForward");
}
