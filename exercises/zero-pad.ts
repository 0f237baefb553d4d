import type { Tensor4D } from "convgrade";

/**
 * Surround every image of the batch X (m, nH, nW, nC) with `pad` rows and columns of zeros, on all
 * four sides, so the result has shape (m, nH + 2·pad, nW + 2·pad, nC).
 * - Only the height and width axes grow: the batch and channel axes keep their length.
 * - Build a new array; leave X as it is.
 */
export function zeroPad(X: Tensor4D, pad: number): Tensor4D {
  throw new Error("Not implemented yet: zeroPad");
}
