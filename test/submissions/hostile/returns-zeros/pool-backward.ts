// Hostile sample: every function returns zeros of the right shape; none may earn a point.
import { shapeOf, zeros } from "./shapes";

export function poolBackward(_dA: unknown, cache: [unknown, unknown]) {
  return zeros(shapeOf(cache[0]));
}
