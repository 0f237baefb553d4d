import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildFixtures } from "../../scripts/fixture-cases.js";
import { EXERCISES, fixtureFileName } from "../../src/exercises.js";
import { FUNCTION_SCHEMAS, fixtureFileSchema, gradientCheckArgsSchema } from "../../src/fixtures/schema.js";

const fixturesDir = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const built = buildFixtures();

describe("committed fixtures are fresh", () => {
  test("fixtures/ holds exactly one file per exercise", () => {
    const onDisk = readdirSync(fixturesDir)
      .filter((file) => file.endsWith(".json"))
      .sort();
    assert.deepEqual(onDisk, EXERCISES.map(fixtureFileName).sort());
    assert.deepEqual(Object.keys(built).sort(), onDisk);
  });

  for (const [file, text] of Object.entries(built)) {
    test(`${file} is byte-identical to a fresh build (run npm run fixtures)`, () => {
      const committed = readFileSync(join(fixturesDir, file), "utf8");
      // Compare lengths first: a full diff of 250 KB strings is unreadable.
      assert.equal(committed.length, text.length, `${file}: length differs from a fresh build`);
      assert.ok(committed === text, `${file}: content differs from a fresh build`);
    });
  }

  // A second build in the same process (hidden state between builds): test/thorough/fixtures-rebuild.test.ts.
});

describe("fixtures validate against the schema", () => {
  for (const exercise of EXERCISES) {
    const file = fixtureFileName(exercise);
    test(file, () => {
      const text = readFileSync(join(fixturesDir, file), "utf8");
      assert.ok(text.length < 300 * 1024, `${file} is ${text.length} bytes, over 300 KB`);
      const fixture = fixtureFileSchema.parse(JSON.parse(text));
      assert.equal(fixture.function, exercise.name);
      assert.ok(fixture.cases.length > 0);
      const names = new Set<string>();
      const schemas = FUNCTION_SCHEMAS[exercise.name];
      for (const kase of fixture.cases) {
        assert.ok(!names.has(kase.name), `duplicate case name ${kase.name}`);
        names.add(kase.name);
        const args = schemas.args.safeParse(kase.args);
        assert.ok(args.success, `${kase.name}: args: ${args.error?.message}`);
        const expected = schemas.expected.safeParse(kase.expected);
        assert.ok(expected.success, `${kase.name}: expected: ${expected.error?.message}`);
        assert.ok(kase.hint && kase.hint.length > 0, `${kase.name}: no hint`);
        assert.ok(kase.targets && kase.targets.length > 0, `${kase.name}: no targets`);
        assert.ok(kase.args.length >= exercise.args.filter((arg) => !arg.optional).length);
        assert.ok(kase.args.length <= exercise.args.length);
      }
      const checkArgs = gradientCheckArgsSchema(exercise);
      if (!checkArgs) {
        assert.equal(fixture.gradientChecks, undefined, `${file} should have no gradient checks`);
        return;
      }
      assert.ok(fixture.gradientChecks && fixture.gradientChecks.length >= 3, `${file} needs gradient checks`);
      for (const check of fixture.gradientChecks) {
        assert.ok(!names.has(check.name), `duplicate name ${check.name}`);
        names.add(check.name);
        const parsed = checkArgs.safeParse(check.args);
        assert.ok(parsed.success, `${check.name}: args: ${parsed.error?.message}`);
      }
    });
  }

  test("poolForward and poolBackward each have a case that omits mode (default max)", () => {
    for (const file of ["pool-forward.json", "pool-backward.json"]) {
      const fixture = fixtureFileSchema.parse(JSON.parse(readFileSync(join(fixturesDir, file), "utf8")));
      assert.ok(
        fixture.cases.some((kase) => kase.args.length === 2),
        file,
      );
      assert.ok(
        fixture.cases.some((kase) => kase.args[2] === "average"),
        file,
      );
      assert.ok(
        fixture.cases.some((kase) => kase.args[2] === "max"),
        file,
      );
    }
  });
});
