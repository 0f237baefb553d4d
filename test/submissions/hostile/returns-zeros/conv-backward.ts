// Hostile sample: every function returns zeros of the right shape; none may earn a point.
import { shapeOf, zeros } from "./shapes";

export function convBackward(_dZ: unknown, cache: [unknown, unknown, unknown, unknown]) {
  const [APrev, W, b] = cache;
  return [zeros(shapeOf(APrev)), zeros(shapeOf(W)), zeros(shapeOf(b))];
}
