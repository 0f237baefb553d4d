/**
 * Every mutant of scripts/fixtures/mistakes graded in-process on every case of its fixture (no sandbox),
 * for the tests of the hints their failures get: test/unit/mistake-hints.test.ts and the slower ones in
 * test/thorough/.
 */
import type { Mutant } from "../../scripts/fixtures/mistakes/registry.js";
import { IN_PLACE, MUTANTS } from "../../scripts/fixtures/mistakes/registry.js";
import { DiskCache } from "../../src/cache.js";
import { EXERCISES, type FunctionName } from "../../src/exercises.js";
import { type Fixture, type FixtureCase, loadFixtures } from "../../src/fixtures/load.js";
import { type Graded, gradeLike } from "../unit/mutants/grade-like.js";
import { ROOT } from "./samples.js";

export const ALL_MUTANTS: Mutant[] = [...MUTANTS, ...IN_PLACE];

export interface MutantGrades {
  fixtures: Map<FunctionName, Fixture>;
  /** every failing answer of every mutant, with the hint it got */
  failing: { mutant: Mutant; kase: FixtureCase; result: Extract<Graded, { status: "fail" }> }[];
}

export async function gradedMutants(): Promise<MutantGrades> {
  const fixtures = new Map<FunctionName, Fixture>(
    (await loadFixtures(`${ROOT}/fixtures`, EXERCISES, new DiskCache(undefined))).map((f) => [f.exercise.name, f]),
  );
  const graded = ALL_MUTANTS.flatMap((mutant) =>
    fixtures.get(mutant.fn)!.cases.map((kase) => ({ mutant, kase, result: gradeLike(mutant.fn, mutant.impl, kase) })),
  );
  return { fixtures, failing: graded.filter((g): g is MutantGrades["failing"][number] => g.result.status === "fail") };
}
