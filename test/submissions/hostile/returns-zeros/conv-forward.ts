// Hostile sample: every function returns zeros of the right shape; none may earn a point.
import { outSize, shapeOf, zeros } from "./shapes";

export function convForward(APrev: number[][][][], W: number[][][][], b: number[][][][], hp: { stride: number; pad: number }) {
  const [m, h, w] = shapeOf(APrev);
  const [f, , , nC] = shapeOf(W);
  return [zeros([m, outSize(h, f, hp.pad, hp.stride), outSize(w, f, hp.pad, hp.stride), nC]), [APrev, W, b, hp]];
}
