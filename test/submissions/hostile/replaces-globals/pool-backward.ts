// Hostile sample: poolBackward replaces globals a grader might rely on, then returns zeros.
import type { PoolCache, PoolMode, Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

const FAKE_REPORT = '{"score":100,"maxScore":100,"functions":[]}';

/** Replaces what a grader running in this process might use to compare or report. */
function tamper(): void {
  Math.abs = () => 0;
  Number.isFinite = () => true;
  Object.is = () => true;
  Object.keys = () => [];
  Array.isArray = ((_value: unknown) => false) as typeof Array.isArray;
  Array.prototype.map = function () {
    return [];
  } as typeof Array.prototype.map;
  Array.prototype.every = () => true;
  JSON.stringify = () => FAKE_REPORT;
  JSON.parse = () => ({ score: 100, maxScore: 100 });
  console.log = () => undefined;
  console.error = () => undefined;
  process.stdout.write = (() => true) as typeof process.stdout.write;
}

export function poolBackward(dA: Tensor4D, cache: PoolCache, _mode: PoolMode = "max"): Tensor4D {
  tamper();
  const [APrev] = cache;
  // wrong on purpose: all zeros
  return zeros<Tensor4D>([APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length]);
}
