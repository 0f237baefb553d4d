// The hints of the mistake mutants hold up where float64 rounding differs: the same mistake with noise
// far above another summation order's, and the mistakes re-implemented summing in another order. Slow
// (every mutant graded again): in `npm test`, not in `npm run test:quick`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AnyFunction, Mutant } from "../../scripts/fixtures/mistakes/registry.js";
import { exerciseNamed } from "../../src/exercises.js";
import { gradedParts } from "../../src/grade/fingerprint.js";
import { leaves, mapLeaves } from "../../src/tensor.js";
import { ALL_MUTANTS as ALL, gradedMutants } from "../helpers/mutant-grades.js";
import { gradeLike, toWire } from "../unit/mutants/grade-like.js";

const { fixtures, failing } = await gradedMutants();

describe("hints by fingerprint, through another summation order", () => {
  test("the same mistake summed in another order gets the same hint (float64 noise far above a real one's)", () => {
    // 1e-13 relative: a thousand times what another summation order changes in these cases.
    let seed = 7;
    const noise = (value: unknown) =>
      mapLeaves(value, (x) => {
        seed = (seed * 16807) % 2147483647;
        return x * (1 + 1e-13 * (seed / 2147483647 - 0.5));
      });
    const changed = failing
      .filter((g) => g.result.mistake !== undefined && g.mutant.mistake !== "inPlace")
      .filter((g) => {
        const again = gradeLike(g.mutant.fn, g.mutant.impl, g.kase, (value) => (Array.isArray(value) ? mapLeavesDeep(value, noise) : noise(value)));
        return again.status !== "fail" || again.mistake !== g.result.mistake;
      });
    assert.deepEqual(
      changed.map((g) => `${g.mutant.label} on "${g.kase.name}"`),
      [],
    );
  });

  test("the mistakes re-implemented in another summation order keep their hint (the figure is printed)", () => {
    // Not the code the fingerprints were made from: every convSingleStep, convForward and convBackward
    // mutant summing in reverse order, every poolForward mutant averaging as it goes. Where that changes
    // more than the rounding (db of the first example instead of the last), it is another output: left out.
    const held = ALL.filter((m) => m.reordered).flatMap((mutant) =>
      fixtures
        .get(mutant.fn)!
        .cases.map((kase) => ({ mutant, kase, first: gradeLike(mutant.fn, mutant.impl, kase), again: gradeLike(mutant.fn, mutant.reordered!, kase) })),
    );
    const hinted = held.filter((h) => h.first.status === "fail" && h.first.mistake === h.mutant.mistake);
    const same = hinted.filter((h) => h.again.status !== "pass" && sameOutput(h.mutant, h.kase.args));
    const kept = same.filter((h) => h.again.status === "fail" && h.again.mistake === h.mutant.mistake);
    console.log(
      `reordered mutants: own hint kept on ${kept.length} of ${same.length} answers equal up to rounding ` +
        `(${hinted.length - same.length} other outputs left out; ${new Set(held.map((h) => h.mutant.label)).size} mutants)`,
    );
    const other = held.filter((h) => h.again.status === "fail" && h.again.mistake !== undefined && h.again.mistake !== h.mutant.mistake);
    assert.deepEqual(
      other.map((h) => h.mutant.label),
      [],
      "a reordered mutant named another mistake",
    );
    assert.deepEqual(
      same.filter((h) => !kept.includes(h)).map((h) => `${h.mutant.fn}: ${h.mutant.label} on "${h.kase.name}"`),
      [],
    );
    assert.ok(same.length > 150);
  });
});

/** Whether two implementations return the same numbers on the arguments, up to rounding (float32's for float32 mistakes). */
function sameOutput(mutant: Mutant, args: unknown[]): boolean {
  const run = (fn: AnyFunction) => leaves(gradedParts(exerciseNamed(mutant.fn), toWire(fn(...structuredClone(args)))));
  const [x, y] = [run(mutant.impl), run(mutant.reordered!)];
  const rounding = mutant.mistake === "float32" ? 1e-4 : 1e-9;
  const close = (v: unknown, w: unknown) =>
    Object.is(v, w) || (typeof v === "number" && typeof w === "number" && Math.abs(v - w) <= rounding * (1 + Math.abs(v)));
  return x.length === y.length && x.every((v, i) => close(v, y[i]));
}

/** Noise on the numbers of a value that may hold objects (a cache) beside arrays. */
function mapLeavesDeep(value: unknown[], noise: (value: unknown) => unknown): unknown {
  return value.map((item) => (Array.isArray(item) ? mapLeavesDeep(item, noise) : typeof item === "number" ? noise(item) : item));
}
