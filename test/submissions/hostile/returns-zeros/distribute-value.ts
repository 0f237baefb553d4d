// Hostile sample: every function returns zeros of the right shape; none may earn a point.
import { zeros } from "./shapes";

export function distributeValue(_dz: number, shape: [number, number]) {
  return zeros(shape);
}
