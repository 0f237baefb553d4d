// Hostile sample: every function returns zeros of the right shape; none may earn a point.
export function convSingleStep(): number {
  return 0;
}
