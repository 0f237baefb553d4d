import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CORRECT_VARIANTS } from "../../scripts/fixtures/mistakes/registry.js";
import { MISTAKES, type MistakeKey } from "../../scripts/fixtures/targets.js";
import { gradedMutants } from "../helpers/mutant-grades.js";
import { gradeLike } from "./mutants/grade-like.js";

// The checks under another summation order are slower: test/thorough/mistake-hints-reordered.test.ts.
const { fixtures, failing } = await gradedMutants();

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
