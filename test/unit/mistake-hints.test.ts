import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type AnyFunction, CORRECT_VARIANTS, IN_PLACE, MUTANTS, type Mutant } from "../../scripts/fixtures/mistakes/registry.js";
import { MISTAKES, type MistakeKey } from "../../scripts/fixtures/targets.js";
import { DiskCache } from "../../src/cache.js";
import { EXERCISES, exerciseNamed, type FunctionName } from "../../src/exercises.js";
import { type Fixture, loadFixtures } from "../../src/fixtures/load.js";
import { gradedParts } from "../../src/grade/fingerprint.js";
import { leaves, mapLeaves } from "../../src/tensor.js";
import { type Graded, gradeLike, toWire } from "./mutants/grade-like.js";

const fixturesDir = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const fixtures = new Map<FunctionName, Fixture>((await loadFixtures(fixturesDir, EXERCISES, new DiskCache(undefined))).map((f) => [f.exercise.name, f]));
const ALL = [...MUTANTS, ...IN_PLACE];

/** Every failing answer of every mutant, with the hint it got. */
const graded = ALL.flatMap((mutant) => fixtures.get(mutant.fn)!.cases.map((kase) => ({ mutant, kase, result: gradeLike(mutant.fn, mutant.impl, kase) })));
const failing = graded.filter((g): g is typeof g & { result: Extract<Graded, { status: "fail" }> } => g.result.status === "fail");

/** Mistakes whose hint some mutant of theirs receives and no mutant of another mistake ever does. */
function uniquelyHinted(): { key: MistakeKey; own: number; failed: number; unique: boolean }[] {
  return (Object.keys(MISTAKES) as MistakeKey[]).map((key) => {
    const mine = failing.filter((g) => g.mutant.mistake === key);
    const own = mine.filter((g) => g.result.mistake === key).length;
    const others = failing.filter((g) => g.mutant.mistake !== key && g.result.mistake === key);
    return { key, own, failed: mine.length, unique: own > 0 && others.length === 0 };
  });
}

describe("hints by fingerprint", () => {
  test("a hint names the mutant's own mistake or none: never another mistake", () => {
    const wrong = failing.filter((g) => g.result.mistake !== undefined && g.result.mistake !== g.mutant.mistake);
    assert.deepEqual(
      wrong.map((g) => `${g.mutant.fn} ${g.mutant.label} on "${g.kase.name}" got ${g.result.mistake}`),
      [],
    );
  });

  test("every mistake gets a hint that only it receives (the figure is printed)", () => {
    const table = uniquelyHinted();
    const classic = table.filter((row) => /^mistake [1-9]:/.test(MISTAKES[row.key]));
    const lines = table.map((row) => `  ${row.unique ? "✓" : "✗"} ${row.key.padEnd(24)} own hint on ${row.own} of ${row.failed} failing cases`);
    const hinted = failing.filter((g) => g.result.mistake === g.mutant.mistake).length;
    console.log(
      [
        `mistakes with a hint only they receive: ${table.filter((r) => r.unique).length} of ${table.length}` +
          ` (classic 1-9: ${classic.filter((r) => r.unique).length} of ${classic.length})`,
        `failing mutant answers whose hint names their mistake: ${hinted} of ${failing.length}`,
        ...lines,
      ].join("\n"),
    );
    assert.deepEqual(
      table.filter((row) => !row.unique).map((row) => row.key),
      [],
    );
  });

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

  test("correct variants pass, so they get no hint at all", () => {
    for (const variant of CORRECT_VARIANTS) {
      for (const kase of fixtures.get(variant.fn)!.cases)
        assert.equal(gradeLike(variant.fn, variant.impl, kase).status, "pass", `${variant.label} ${kase.name}`);
    }
  });

  test("a failure that matches no fingerprint keeps the function's general hint", () => {
    const kase = fixtures.get("distributeValue")!.cases[0];
    const result = gradeLike("distributeValue", (dz: number, [h, w]: [number, number]) => Array.from({ length: h }, () => new Array(w).fill(dz * 7)), kase);
    assert.equal(result.status, "fail");
    assert.equal(result.status === "fail" && result.mistake, undefined);
    assert.equal(result.status === "fail" && result.hint, kase.hint);
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
