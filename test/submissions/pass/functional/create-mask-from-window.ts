import type { CreateMaskFromWindow } from "convgrade";

export const createMaskFromWindow: CreateMaskFromWindow = (x) => {
  const max = Math.max(...x.flatMap((row) => Array.from(row)));
  return x.map((row) => Array.from(row, (value) => value === max));
};
