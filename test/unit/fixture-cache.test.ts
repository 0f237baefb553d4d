// Every object of a fixture file is strict (a misspelled "visibility" once published a hidden case), and
// the cache of validated fixtures trusts a file only if this very validator accepted it: a file an older,
// looser convgrade accepted is validated again.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { DiskCache, hashOf } from "../../src/cache.js";
import { HarnessError } from "../../src/errors.js";
import { EXERCISES, exerciseNamed, fixtureFileName } from "../../src/exercises.js";
import { fixtureCacheKey, VALIDATOR_MODULES, validatorIdentity } from "../../src/fixtures/cache-key.js";
import { jsonPath, loadFixture } from "../../src/fixtures/load.js";
import { closest, editDistance } from "../../src/suggest.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "convgrade-fixture-cache-"));
test.after(() => rmSync(work, { recursive: true, force: true }));
let count = 0;
const fresh = () => join(work, `case-${count++}`);

/** A file of the issue: a hidden case whose "visibility" is misspelled. */
const MISSPELLED = `${JSON.stringify({
  function: "distributeValue",
  cases: [
    {
      name: "dz 2",
      args: [2, [2, 2]],
      expected: [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      visiblity: "hidden",
    },
  ],
})}\n`;
const distributeValue = exerciseNamed("distributeValue");

function writeFixture(text: string, name = "distribute-value.json"): string {
  const dir = fresh();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

async function loadError(path: string, cache = new DiskCache(undefined), exercise = distributeValue): Promise<string> {
  try {
    await loadFixture(path, exercise, cache, work);
  } catch (error) {
    assert.ok(error instanceof HarnessError, String(error));
    assert.equal(error.code, "FIXTURE_INVALID");
    return error.message;
  }
  assert.fail(`${path} was accepted`);
}

/** Every plain object in a fixture, with its path; one per kind of place (indices aside). */
function objectsByPlace(value: unknown, path: (string | number)[] = [], found = new Map<string, (string | number)[]>()) {
  if (Array.isArray(value)) value.forEach((item, k) => objectsByPlace(item, [...path, k], found));
  else if (value !== null && typeof value === "object") {
    const place = path.map((key) => (typeof key === "number" ? "*" : key)).join(".");
    if (!found.has(place)) found.set(place, path);
    for (const [key, item] of Object.entries(value)) objectsByPlace(item, [...path, key], found);
  }
  return found;
}

test("an unknown key anywhere in a committed fixture makes it invalid, at that key's path", async () => {
  const places: string[] = [];
  for (const exercise of EXERCISES) {
    const text = readFileSync(join(FIXTURES, fixtureFileName(exercise)), "utf8");
    for (const [place, path] of objectsByPlace(JSON.parse(text))) {
      // The one open record: mistakes are named by the fixture's author.
      if (place === "mistakes") continue;
      const data = JSON.parse(text);
      const target = path.reduce((node: any, key) => node[key], data);
      target.hnit = "typo";
      const message = await loadError(writeFixture(JSON.stringify(data), fixtureFileName(exercise)), undefined, exercise);
      assert.ok(message.includes(` at ${jsonPath([...path, "hnit"])}: `), `${exercise.name} ${place}: ${message}`);
      // Fingerprint keys have a form of their own; everywhere else the key is unknown.
      assert.match(message, /(fingerprints|mistakeOutputs)$/.test(place) ? /expected a grid digit/ : /unknown key "hnit"/, `${exercise.name} ${place}`);
      places.push(`${exercise.name}:${place}`);
    }
  }
  for (const place of ["", "cases.*", "cases.*.tolerance", "cases.*.nearMiss", "cases.*.siblingCalls.*", "gradientChecks.*"]) {
    assert.ok(
      places.some((p) => p.endsWith(`:${place}`)),
      `no committed fixture has an object at ${place || "the top"}`,
    );
  }
  assert.ok(
    places.some((p) => /:cases\.\*\.args\.\*$/.test(p)),
    "hyper-parameters are checked too",
  );
});

test("an unknown key names the nearest key the object lacks, or the keys it knows", async () => {
  assert.match(await loadError(writeFixture(MISSPELLED)), /at \$\.cases\[0\]\.visiblity: unknown key "visiblity"; did you mean visibility\?$/);
  const both = MISSPELLED.replace('"visiblity"', '"visibility":"visible","visiblity"');
  assert.match(
    await loadError(writeFixture(both)),
    /unknown key "visiblity"; the keys here are name, points, visibility, hint, /,
    "visibility is there already",
  );
  const quoted = MISSPELLED.replace('"visiblity"', '"\\u001b[2J"');
  assert.match(await loadError(writeFixture(quoted)), /at \$\.cases\[0\]\["\\u001b\[2J"\]: unknown key "\\u001b\[2J"; the keys/, "quoted, escapes and all");
  assert.equal(editDistance("visiblity", "visibility"), 1);
  assert.equal(editDistance("hnit", "hint"), 1, "a swap is one edit");
  assert.equal(closest("Tolerence", ["tolerance", "targets"]), "tolerance");
  assert.equal(closest("x", ["stride", "pad"]), undefined);
});

test("a file validated under the old key, or by another version, zod or source, is validated again", async () => {
  const path = writeFixture(MISSPELLED);
  const bytes = readFileSync(path);
  const current = validatorIdentity();
  assert.ok(current, "the validator's sources are readable");
  for (const name of VALIDATOR_MODULES) assert.ok(readFileSync(join(SRC, `${name}.ts`)).length > 0);
  const older = [
    hashOf("fixture", "distributeValue", bytes), // the key of convgrade before this one: bytes only
    fixtureCacheKey("distributeValue", bytes, { ...current, version: "0.0.9" }),
    fixtureCacheKey("distributeValue", bytes, { ...current, zod: "4.0.0" }),
    fixtureCacheKey("distributeValue", bytes, { ...current, source: hashOf("a looser schema") }),
  ];
  assert.equal(new Set([...older, fixtureCacheKey("distributeValue", bytes, current)]).size, older.length + 1);
  const dir = fresh();
  for (const key of older) new DiskCache(dir).set("fixtures", key, "valid");
  assert.match(await loadError(path, new DiskCache(dir)), /did you mean visibility\?/);
  // The test's key is the real one: an entry under it is trusted (the only way a file skips validation).
  new DiskCache(dir).set("fixtures", fixtureCacheKey("distributeValue", bytes, current), "valid");
  const trusted = await loadFixture(path, distributeValue, new DiskCache(dir), work);
  assert.equal(trusted.cases[0].hidden, false);
});

test("a valid file is remembered under this validator's key", async () => {
  const text = readFileSync(join(FIXTURES, "distribute-value.json"));
  const path = writeFixture(text.toString("utf8"));
  const dir = fresh();
  await loadFixture(path, distributeValue, new DiskCache(dir), work);
  assert.equal(new DiskCache(dir).get("fixtures", fixtureCacheKey("distributeValue", text, validatorIdentity()!)), "valid");
});

/** Modules a source file imports for their values (type-only imports change nothing at run time). */
function valueImports(file: string): string[] {
  const source = readFileSync(join(SRC, `${file}.ts`), "utf8");
  const found = [
    ...source.matchAll(/^(?:import|export) (?!type )[^;]*?from "(\.{1,2}\/[^"]+)\.js";/gm),
    ...source.matchAll(/^import "(\.{1,2}\/[^"]+)\.js";/gm),
    ...source.matchAll(/\bimport\("(\.{1,2}\/[^"]+)\.js"\)/g),
  ];
  return found.map((match) => join(file, "..", match[1]));
}

test("the validator's modules are load.ts and everything it imports, transitively", () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of valueImports(file)) visit(imported);
  };
  visit("fixtures/load");
  assert.deepEqual([...VALIDATOR_MODULES].sort(), [...seen].sort());
});
