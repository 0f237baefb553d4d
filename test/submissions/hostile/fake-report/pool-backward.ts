// Hostile sample: poolBackward prints a fake JSON report and a perfect score, and returns zeros.
import type { PoolCache, PoolMode, Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

const FAKE_REPORT = JSON.stringify({ score: 999, maxScore: 999, functions: [] });

/** Prints a perfect score every way it can. */
function boast(): void {
  console.log(FAKE_REPORT);
  process.stdout.write("10/10 passed\n");
  console.error("Total 999/999  8 of 8 functions pass");
  try {
    const { writeSync } = require("node:fs") as typeof import("node:fs");
    writeSync(1, `${FAKE_REPORT}\n`);
  } catch {
    // no file system in the sandbox
  }
}

boast();

export function poolBackward(dA: Tensor4D, cache: PoolCache, _mode: PoolMode = "max"): Tensor4D {
  boast();
  const [APrev] = cache;
  // wrong on purpose: all zeros
  return zeros<Tensor4D>([APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length]);
}
