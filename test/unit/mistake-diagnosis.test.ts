// The diagnosis over a function's visible cases (src/grade/diagnose/), on the team's own mistakes: every
// mistaken variant of the reference graded as the grader grades it, shared rows included. The figure
// printed is how many get a name; none may get another mistake's, no correct variant any, and no hint
// may hold anything but fixed text.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { CONTROLS, CORRECT_VARIANTS, IN_PLACE, MUTANTS, OTHER_FORMS } from "../../scripts/fixtures/mistakes/registry.js";
import { DiskCache } from "../../src/cache.js";
import { EXERCISES, type FunctionName } from "../../src/exercises.js";
import { type Fixture, type FixtureCase, loadFixtures } from "../../src/fixtures/load.js";
import { BECAUSE, DIAGNOSES, diagnosisHint } from "../../src/grade/diagnose/texts.js";
import type { CaseResult } from "../../src/result.js";
import { gradeAllLike } from "./mutants/grade-like.js";

const fixturesDir = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const fixtures = new Map<FunctionName, Fixture>((await loadFixtures(fixturesDir, EXERCISES, new DiskCache(undefined))).map((f) => [f.exercise.name, f]));
const casesOf = (fn: FunctionName) => fixtures.get(fn)!.cases;
const named = (results: CaseResult[]) => [...new Set(results.flatMap((r) => (r.mistake ? [r.mistake] : [])))];

/** Every text a hint may be on a case: the case's own, its fixture's mistakes', the grader's diagnoses. */
function allowedHints(fn: FunctionName, kase: FixtureCase): Set<string> {
  const becauses = [...Object.values(BECAUSE).filter((b) => typeof b === "string"), ...Array.from({ length: 13 }, (_, k) => BECAUSE.rounded(k))];
  const kinds = [{ kind: "exact" as const }, { kind: "shape" as const }, ...becauses.map((because) => ({ kind: "looks-like" as const, because }))];
  const grader = Object.keys(DIAGNOSES).flatMap((key) => kinds.map((kind) => diagnosisHint(key, fn, kind) ?? ""));
  return new Set([kase.hint ?? "", ...Object.values(kase.mistakeHints ?? {}), ...grader]);
}

describe("mistakes diagnosed over all visible cases", () => {
  const runs = [...MUTANTS, ...OTHER_FORMS, ...IN_PLACE].map((mutant) => ({ mutant, results: gradeAllLike(mutant.fn, mutant.impl, casesOf(mutant.fn)) }));
  const failing = runs.filter((run) => run.results.some((r) => r.status !== "pass"));

  test("the team's mistakes: named, never named wrongly (the figure is printed)", () => {
    const wrong = failing.filter((run) => named(run.results).some((m) => m !== run.mutant.mistake));
    const right = failing.filter((run) => named(run.results).includes(run.mutant.mistake));
    // Those that throw on every case they fail have no output to diagnose.
    const silent = failing.filter((run) => !right.includes(run) && !wrong.includes(run)).map((run) => `${run.mutant.fn}: ${run.mutant.label}`);
    console.log(
      `team's mistakes (mutants) whose function names their mistake: ${right.length} of ${failing.length}; named wrongly: ${wrong.length}` +
        (silent.length ? `\n  no name: ${silent.join("; ")}` : ""),
    );
    assert.deepEqual(
      wrong.map((run) => `${run.mutant.fn}: ${run.mutant.label} named ${named(run.results).join(", ")}`),
      [],
    );
    assert.ok(right.length >= failing.length - 3, `named ${right.length} of ${failing.length}`);
  });

  test("correct solutions in other forms get full marks and no name", () => {
    const correct = [...CORRECT_VARIANTS, ...Object.entries(CONTROLS).map(([fn, impl]) => ({ fn: fn as FunctionName, impl, label: `control ${fn}` }))];
    for (const variant of correct) {
      const results = gradeAllLike(variant.fn, variant.impl, casesOf(variant.fn));
      assert.deepEqual(
        results.filter((r) => r.status !== "pass").map((r) => r.name),
        [],
        variant.label,
      );
    }
  });

  test("every hint is fixed text: the case's, its fixture's mistakes', or the grader's own (no value of a case)", () => {
    for (const run of failing) {
      const cases = casesOf(run.mutant.fn);
      run.results.forEach((result, k) => {
        if (result.hint === undefined) return;
        assert.ok(allowedHints(run.mutant.fn, cases[k]).has(result.hint), `${run.mutant.label} on "${cases[k].name}": ${result.hint}`);
      });
    }
  });

  test("hidden cases get no hint and no name, the mistake is still named on the visible ones", () => {
    const mutant = MUTANTS.find((m) => m.mistake === "strideForward" && m.fn === "convForward")!;
    const cases = casesOf("convForward");
    const shown = gradeAllLike("convForward", mutant.impl, cases);
    const half = cases.map((kase, k) => (k % 2 ? { ...kase, hidden: true } : kase));
    const mixed = gradeAllLike("convForward", mutant.impl, half);
    mixed.forEach((result, k) => {
      if (half[k].hidden) assert.equal(result.hint ?? result.mistake, undefined, cases[k].name);
    });
    assert.ok(named(shown).includes("strideForward"));
    assert.ok(named(mixed).includes("strideForward"));
  });
});
