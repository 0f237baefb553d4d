/** Tensor and argument types of the exercise contract, exported for learners' type annotations. */

/** A vector: any array-like of numbers is accepted where an array is expected. */
export type Tensor1D = number[];
/** A matrix (nH, nW). */
export type Tensor2D = number[][];
/** A 3-D tensor, e.g. one example's slice (f, f, nCPrev). */
export type Tensor3D = number[][][];
/** A 4-D tensor, e.g. a batch (m, nH, nW, nC) or filters (f, f, nCPrev, nC). */
export type Tensor4D = number[][][][];

/** Hyper-parameters of a convolution layer. */
export interface ConvHParameters {
  stride: number;
  pad: number;
}

/** Hyper-parameters of a pooling layer. */
export interface PoolHParameters {
  f: number;
  stride: number;
}

/** Pooling mode. */
export type PoolMode = "max" | "average";

/** What convForward returns as its cache: its own inputs, in order. */
export type ConvCache = [APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hparameters: ConvHParameters];

/** What poolForward returns as its cache: its own inputs, in order. */
export type PoolCache = [APrev: Tensor4D, hparameters: PoolHParameters];

/** Signatures of the eight exercises, for `export const zeroPad: ZeroPad = ...` style. */
export type ZeroPad = (X: Tensor4D, pad: number) => Tensor4D;
export type ConvSingleStep = (aSlicePrev: Tensor3D, W: Tensor3D, b: Tensor3D) => number;
export type ConvForward = (APrev: Tensor4D, W: Tensor4D, b: Tensor4D, hparameters: ConvHParameters) => [Z: Tensor4D, cache: ConvCache];
export type PoolForward = (APrev: Tensor4D, hparameters: PoolHParameters, mode?: PoolMode) => [A: Tensor4D, cache: PoolCache];
export type ConvBackward = (dZ: Tensor4D, cache: ConvCache) => [dAPrev: Tensor4D, dW: Tensor4D, db: Tensor4D];
export type CreateMaskFromWindow = (x: Tensor2D) => boolean[][];
export type DistributeValue = (dz: number, shape: [nH: number, nW: number]) => Tensor2D;
export type PoolBackward = (dA: Tensor4D, cache: PoolCache, mode?: PoolMode) => Tensor4D;
