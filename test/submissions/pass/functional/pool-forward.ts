import type { PoolForward, Tensor4D } from "convgrade";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export const poolForward: PoolForward = (APrev, hparameters, mode = "max") => {
  const { f, stride } = hparameters;
  const nH = Math.floor((APrev[0].length - f) / stride) + 1;
  const nW = Math.floor((APrev[0][0].length - f) / stride) + 1;
  const nC = APrev[0][0][0].length;
  const reduce =
    mode === "average"
      ? (values: number[]) => values.reduce((a, v) => a + v, 0) / values.length
      : (values: number[]) => Math.max(...values);

  const A = APrev.map((image) =>
    range(nH).map((h) =>
      range(nW).map((w) =>
        Float64Array.from(range(nC), (c) =>
          reduce(image.slice(h * stride, h * stride + f).flatMap((row) => row.slice(w * stride, w * stride + f).map((pixel) => pixel[c]))),
        ),
      ),
    ),
  );
  return [A as unknown as Tensor4D, [APrev, hparameters]];
};
