// Hostile sample: every function returns the same shared, amplified value (see big.ts).
import { big } from "./big";

export function poolBackward(): unknown {
  return big;
}
