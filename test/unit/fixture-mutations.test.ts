import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { EXERCISES, fixtureFileName, type FunctionName } from "../../src/exercises.js";
import * as reference from "../../src/reference/index.js";
import type { Tensor4D } from "../../src/types.js";
import { MISTAKES } from "../../scripts/fixtures/targets.js";
import { type AnyFunction, type LoadedCase, allClose, passes } from "./mutants/compare.js";
import { CONTROLS, IN_PLACE, MUTANTS } from "./mutants/registry.js";

interface LoadedCheck {
  name: string;
  args: unknown[];
  upstream: Tensor4D;
}

interface LoadedFixture {
  function: FunctionName;
  cases: LoadedCase[];
  gradientChecks?: LoadedCheck[];
}

const fixtures = new Map<FunctionName, LoadedFixture>();
for (const exercise of EXERCISES) {
  const url = new URL(`../../fixtures/${fixtureFileName(exercise)}`, import.meta.url);
  fixtures.set(exercise.name, JSON.parse(readFileSync(url, "utf8")));
}
const fixtureOf = (fn: FunctionName): LoadedFixture => fixtures.get(fn)!;
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

/** L = sum(forward(args) * upstream), the loss the grader differentiates. */
function loss(forward: AnyFunction, args: unknown[], upstream: Tensor4D): number {
  const [out] = forward(...args) as [Tensor4D];
  let sum = 0;
  out.forEach((a, i) => a.forEach((b, h) => b.forEach((c, w) => c.forEach((v, k) => (sum += v * upstream[i][h][w][k])))));
  return sum;
}

/** Central differences of L on every element of one input tensor, compared with the analytic gradient. */
function checkAll(forward: AnyFunction, args: unknown[], upstream: Tensor4D, tensorIndex: number, analytic: Tensor4D): void {
  const tensor = args[tensorIndex] as Tensor4D;
  const eps = 1e-6;
  tensor.forEach((a, i) =>
    a.forEach((b, h) =>
      b.forEach((c, w) =>
        c.forEach((v, k) => {
          c[k] = v + eps;
          const plus = loss(forward, args, upstream);
          c[k] = v - eps;
          const minus = loss(forward, args, upstream);
          c[k] = v;
          const numeric = (plus - minus) / (2 * eps);
          const exact = analytic[i][h][w][k];
          assert.ok(Math.abs(numeric - exact) <= 1e-6 + 1e-5 * Math.abs(exact), `d/d arg${tensorIndex}[${i},${h},${w},${k}]: ${numeric} vs ${exact}`);
        }),
      ),
    ),
  );
}

describe("the gradient checks are consistent with the reference", () => {
  for (const check of fixtureOf("convBackward").gradientChecks ?? []) {
    test(`convBackward ${check.name}`, () => {
      const args = structuredClone(check.args);
      const [Z, cache] = reference.convForward(...(args as Parameters<typeof reference.convForward>));
      assert.ok(allClose(Z.map((x) => x.map((y) => y.map((z) => z.map(() => 0)))), check.upstream.map((x) => x.map((y) => y.map((z) => z.map(() => 0))))), "upstream is not shaped like Z");
      const grads = reference.convBackward(check.upstream, cache);
      for (let t = 0; t < 3; t++) checkAll(reference.convForward as AnyFunction, args, check.upstream, t, grads[t]);
    });
  }
  for (const check of fixtureOf("poolBackward").gradientChecks ?? []) {
    test(`poolBackward ${check.name}`, () => {
      const args = structuredClone(check.args);
      const [A, cache] = reference.poolForward(...(args as Parameters<typeof reference.poolForward>));
      assert.ok(allClose(A.map((x) => x.map((y) => y.map((z) => z.map(() => 0)))), check.upstream.map((x) => x.map((y) => y.map((z) => z.map(() => 0))))), "upstream is not shaped like A");
      const grad = reference.poolBackward(check.upstream, cache, args[2] as "max" | "average" | undefined);
      checkAll(reference.poolForward as AnyFunction, args, check.upstream, 0, grad);
    });
  }
});
