/**
 * Test files run several to a process. Node 20's runner starts a process per test file, and each one
 * pays for tsx's start-up (about half a second of CPU) and loads src/, zod and the fixtures again: for
 * the unit tests that was half of their CPU time. Node 22's --experimental-test-isolation=none would
 * do this for us; on Node 20 a group file (test/groups/) is what the runner starts instead, and it
 * imports its share of a folder's test files, each inside a suite named by its path, one after another.
 *
 * A share is every `*.test.ts` of the folder, split among `count` processes by the weights below, so a
 * new test file joins a share by itself. A file that needs a process of its own stays out of the
 * groups and is given to the runner directly (the end-to-end tests all are).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe } from "node:test";
import { pathToFileURL } from "node:url";
import { ROOT } from "./samples.js";

/**
 * Seconds of CPU a unit test file takes beyond its process's start-up, for those well above the rest
 * (measured on the 2-core machine, December 2026); any other file counts as WEIGHT_UNKNOWN. They only
 * balance the shares: a wrong one costs time, never a test.
 */
const WEIGHTS: Record<string, number> = {
  "test/unit/private-fixtures.test.ts": 1.5,
  "test/unit/fixtures-fresh.test.ts": 4,
  "test/unit/transpile.test.ts": 3.5,
  "test/unit/mistake-hints.test.ts": 3,
  "test/unit/sandbox-host.test.ts": 2.5,
  "test/unit/fixture-mutations.test.ts": 1,
  "test/unit/batch.test.ts": 1,
  "test/unit/prestart.test.ts": 1,
  "test/unit/check-closing.test.ts": 1,
};
const WEIGHT_UNKNOWN = 0.5;

/** The test files of `folder` (relative to the project root), split into `count` shares of about equal weight. */
export function shares(folder: string, count: number): string[][] {
  const files = readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => `${folder}/${name}`)
    .sort();
  const weight = (file: string) => WEIGHTS[file] ?? WEIGHT_UNKNOWN;
  const split = Array.from({ length: count }, () => ({ files: [] as string[], weight: 0 }));
  // Heaviest first, each to the lightest share so far: deterministic, so every process of a run agrees.
  for (const file of [...files].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    const lightest = split.reduce((min, share) => (share.weight < min.weight ? share : min));
    lightest.files.push(file);
    lightest.weight += weight(file);
  }
  return split.map((share) => share.files.sort());
}

/** Runs share `index` (from 1) of `count` of the test files of `folder` in this process, each as a suite named by its path. */
export function runShare(folder: string, index: number, count: number): void {
  for (const file of shares(folder, count)[index - 1]) {
    describe(file, async () => {
      await import(pathToFileURL(join(ROOT, file)).href);
    });
  }
}
