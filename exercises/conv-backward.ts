import type { ConvCache, Tensor4D } from "convgrade";

/**
 * Backpropagate through convForward. dZ (m, nH, nW, nC) is the gradient of the cost with respect to Z.
 * 1. Start dAPrev, dW and db at zero, shaped like APrev, W and b; pad APrev and dAPrev with pad.
 * 2. For every example, output position (h, w) and channel c, find the same f×f slice convForward used:
 *    - add W[:, :, :, c] · dZ[i, h, w, c] into the padded dAPrev over that slice,
 *    - add slice · dZ[i, h, w, c] into dW[:, :, :, c] (slice of the padded input),
 *    - add dZ[i, h, w, c] into db[0][0][0][c].
 * 3. Strip the padding from each example's padded dAPrev (careful when pad is 0).
 * Return [dAPrev, dW, db].
 */
export function convBackward(dZ: Tensor4D, cache: ConvCache): [Tensor4D, Tensor4D, Tensor4D] {
  throw new Error("Not implemented yet: convBackward");
}
