// Hostile sample: every function returns zeros of the right shape; none may earn a point.
export function createMaskFromWindow(x: number[][]): boolean[][] {
  return x.map((row) => row.map(() => false));
}
