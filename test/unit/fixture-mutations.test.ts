import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import type { AnyFunction } from "../../scripts/fixtures/mistakes/registry.js";
import { CONTROLS, CORRECT_VARIANTS, IN_PLACE, MUTANTS } from "../../scripts/fixtures/mistakes/registry.js";
import { MISTAKES } from "../../scripts/fixtures/targets.js";
import { EXERCISES, type FunctionName, fixtureFileName } from "../../src/exercises.js";
import { fixtureFileSchema, type RawFixture } from "../../src/fixtures/schema.js";
import { backwardArgs, gradientTargets, judgeGradients } from "../../src/grade/gradient-check.js";
import { renderMismatch } from "../../src/grade/mismatch.js";
import * as reference from "../../src/reference/index.js";
import { mapLeaves } from "../../src/tensor.js";
import { allClose, passes } from "./mutants/compare.js";

const fixtures = new Map<FunctionName, RawFixture>();
for (const exercise of EXERCISES) {
  const url = new URL(`../../fixtures/${fixtureFileName(exercise)}`, import.meta.url);
  fixtures.set(exercise.name, fixtureFileSchema.parse(JSON.parse(readFileSync(url, "utf8"))));
}
const fixtureOf = (fn: FunctionName): RawFixture => fixtures.get(fn)!;
const referenceOf = (fn: FunctionName): AnyFunction => reference[fn] as AnyFunction;

describe("the reference passes every case", () => {
  for (const exercise of EXERCISES) {
    test(exercise.name, () => {
      for (const kase of fixtureOf(exercise.name).cases) {
        assert.ok(passes(exercise.name, referenceOf(exercise.name), kase), `reference fails ${kase.name}`);
        // The reference never writes into its arguments, and a forward cache holds exactly its inputs.
        const args = structuredClone(kase.args);
        const output = referenceOf(exercise.name)(...args);
        assert.deepEqual(args, kase.args, `reference modified an argument in ${kase.name}`);
        if (exercise.cacheArgs) {
          const cache = (output as unknown[])[1] as unknown[];
          assert.equal(cache.length, exercise.cacheArgs.length);
          exercise.cacheArgs.forEach((argIndex, i) => assert.equal(cache[i], args[argIndex], `cache[${i}] in ${kase.name}`));
        }
      }
    });
  }
});

describe("the mutants without a mistake pass every case (so the mutants prove something)", () => {
  for (const [fn, impl] of Object.entries(CONTROLS) as [FunctionName, AnyFunction][]) {
    test(fn, () => {
      for (const kase of fixtureOf(fn).cases) assert.ok(passes(fn, impl, kase), `control ${fn} fails ${kase.name}`);
    });
  }
});

describe("every mistake fails every case that claims to target it", () => {
  for (const mutant of MUTANTS) {
    test(`${mutant.fn}: ${mutant.label} (${mutant.target})`, () => {
      const tagged = fixtureOf(mutant.fn).cases.filter((kase) => kase.targets?.includes(mutant.target));
      assert.ok(tagged.length > 0, `no case of ${mutant.fn} targets "${mutant.target}"`);
      const survived = tagged.filter((kase) => passes(mutant.fn, mutant.impl, kase)).map((kase) => kase.name);
      assert.deepEqual(survived, [], `the mutant passes cases that claim to catch it`);
    });
  }

  test("every listed mistake 1-8 has a mutant, and every mistake target in the fixtures is tested", () => {
    const mutated = new Set(MUTANTS.map((mutant) => mutant.target));
    for (const target of Object.values(MISTAKES)) {
      if (target === MISTAKES.inPlace) continue;
      assert.ok(mutated.has(target), `no mutant for "${target}"`);
    }
    for (const fixture of fixtures.values()) {
      for (const kase of fixture.cases) {
        for (const target of kase.targets ?? []) {
          if (!target.startsWith("mistake ") || target === MISTAKES.inPlace) continue;
          assert.ok(
            MUTANTS.some((mutant) => mutant.fn === fixture.function && mutant.target === target),
            `${fixture.function} case "${kase.name}" claims "${target}" but no ${fixture.function} mutant commits it`,
          );
        }
      }
    }
  });
});

describe("mistake 9: writing into an argument changes it on the cases tagged with it", () => {
  for (const mutant of IN_PLACE) {
    test(`${mutant.fn}: ${mutant.label}`, () => {
      const tagged = fixtureOf(mutant.fn).cases.filter((kase) => kase.targets?.includes(MISTAKES.inPlace));
      assert.ok(tagged.length > 0);
      for (const kase of tagged) {
        const args = structuredClone(kase.args);
        mutant.impl(...args);
        assert.notDeepEqual(args, kase.args, `${kase.name}: the argument is unchanged`);
        // Its output is right: only the grader's check of the arguments can catch it.
        assert.ok(passes(mutant.fn, mutant.impl, kase), `${kase.name}: output should still be right`);
      }
    });
  }
});

/** The same nested array with every number replaced by 0. */
const zerosLike = (value: unknown): unknown => mapLeaves(value, () => 0);

describe("the gradient checks hold the reference's numerical gradients, and judge a backward on its own", () => {
  for (const exercise of EXERCISES.filter((e) => e.gradientCheck)) {
    const fn = exercise.name;
    const targets = gradientTargets(exercise);
    for (const check of fixtureOf(fn).gradientChecks ?? []) {
      test(`${fn} ${check.name}`, () => {
        const args = backwardArgs(exercise, check.args, check.upstream);
        const returned = referenceOf(fn)(...structuredClone(args));
        const gradientAt = (value: unknown, output: number) => (output < 0 ? value : (value as unknown[])[output]);
        // The stored central differences agree with the reference backward, elementwise.
        targets.forEach((w, k) => {
          assert.ok(
            allClose(check.numericGradients[k], gradientAt(returned, w.output), { rtol: 1e-5, atol: 1e-7 }),
            `${w.gradient} differs from the reference backward`,
          );
        });
        assert.equal(judgeGradients(targets, returned, check.numericGradients, 1e-7).passed, true);
        // All zeros never pass (the old 0/0 = 0 let them), whole or one gradient at a time.
        const zeros = zerosLike(returned);
        const verdict = judgeGradients(targets, zeros, check.numericGradients, 1e-7);
        assert.equal(verdict.passed, false);
        assert.match(verdict.mismatch ? renderMismatch(verdict.mismatch) : "", /is all zeros/);
        for (const w of targets.filter((target) => target.output >= 0)) {
          const oneZero = (returned as unknown[]).map((gradient, k) => (k === w.output ? zerosLike(gradient) : gradient));
          assert.equal(judgeGradients(targets, oneZero, check.numericGradients, 1e-7).passed, false, `${w.gradient} all zeros passes`);
        }
      });
    }
  }
});

describe("correct variants (another summation order, the other answer on ties) pass every case", () => {
  for (const variant of CORRECT_VARIANTS) {
    test(`${variant.fn}: ${variant.label}`, () => {
      const failed = fixtureOf(variant.fn)
        .cases.filter((kase) => !passes(variant.fn, variant.impl, kase))
        .map((kase) => kase.name);
      assert.deepEqual(failed, []);
    });
  }

  test("the tie variants do answer differently from the reference on the tie cases", () => {
    for (const variant of CORRECT_VARIANTS.filter((v) => v.label.includes("tied"))) {
      const ties = fixtureOf(variant.fn).cases.filter((kase) => kase.targets?.some((t) => t.startsWith("edge: ties")));
      assert.ok(ties.length > 0, `${variant.fn} has no tie case`);
      for (const kase of ties) {
        const out = variant.impl(...structuredClone(kase.args));
        assert.ok(!allClose(out, kase.expected), `${variant.fn} ${kase.name}: no tie reached the variant`);
      }
    }
  });
});
