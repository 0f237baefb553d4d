// Hostile sample: every function returns zeros of the right shape; none may earn a point.
import { shapeOf, zeros } from "./shapes";

export function zeroPad(X: number[][][][], pad: number) {
  const [m, h, w, c] = shapeOf(X);
  return zeros([m, h + 2 * pad, w + 2 * pad, c]);
}
