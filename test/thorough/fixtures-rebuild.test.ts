// Two builds of the fixtures in one process give the same text: no state of one build (a random
// generator, a cache) leaks into the next. Slow (two full builds): in `npm test`, not in `npm run test:quick`,
// whose test/unit/fixtures-fresh.test.ts holds one build to the committed files.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixtures } from "../../scripts/fixture-cases.js";

test("a second build gives the same text (no hidden state between builds)", () => {
  const first = buildFixtures();
  assert.deepEqual(buildFixtures(), first);
});
