// Hostile sample: every function returns zeros of the right shape; none may earn a point.
import { outSize, shapeOf, zeros } from "./shapes";

export function poolForward(APrev: number[][][][], hp: { f: number; stride: number }) {
  const [m, h, w, c] = shapeOf(APrev);
  return [zeros([m, outSize(h, hp.f, 0, hp.stride), outSize(w, hp.f, 0, hp.stride), c]), [APrev, hp]];
}
