// The walls are not probed before the first sandboxes start: they start through the strongest level,
// and the level counts only once one got ready behind it. A start that ends otherwise makes the probe
// decide, and the run does not wait on a sandbox that never settles.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { isolation, provisionalStart, sandboxCommand, settledIsolation } from "../../src/sandbox/isolation.ts";

const walls = process.platform === "linux" && existsSync("/usr/bin/unshare") && process.env.CONVGRADE_SANDBOX_NAMESPACES !== "0";

test("a sandbox killed before it was ready proves nothing: the probe decides the walls", { skip: walls ? false : "no namespaces here" }, async () => {
  const first = sandboxCommand(["--version"]);
  assert.equal(first.provisional, true, "the first sandbox starts through walls not yet proven");
  assert.equal(first.isolation.network, false);
  let settled = false;
  const waiting = settledIsolation().then((level) => {
    settled = true;
    return level;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(settled, false, "the walls are not known while their only witness is starting");
  provisionalStart("abandoned", first.isolation);
  const level = await waiting;
  // The probe ran: the level is what it found, and it is the one every later sandbox gets.
  assert.deepEqual(level, isolation());
  const later = sandboxCommand(["--version"]);
  assert.equal(later.provisional, false);
  assert.deepEqual(later.isolation, level);
});
