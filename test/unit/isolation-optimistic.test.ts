// The walls are not probed before the first sandboxes start: they start through the strongest level,
// and the level counts only once one got ready behind it. A start that ends otherwise makes the probe
// decide. Run in a process of its own: the walls are known once per process.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const walls = process.platform === "linux" && existsSync("/usr/bin/unshare") && process.env.CONVGRADE_SANDBOX_NAMESPACES !== "0";
const isolationModule = fileURLToPath(new URL("../../src/sandbox/isolation.ts", import.meta.url));

const scenario = `
import { isolation, provisionalStart, sandboxCommand, settledIsolation } from ${JSON.stringify(isolationModule)};
const first = sandboxCommand(["--version"]);
let settled = false;
const waiting = settledIsolation().then((level) => { settled = true; return level; });
await new Promise((resolve) => setTimeout(resolve, 50));
const settledEarly = settled;
provisionalStart("abandoned", first.isolation);
const level = await waiting;
const later = sandboxCommand(["--version"]);
console.log(JSON.stringify({ first, settledEarly, level, probed: isolation(), later }));
`;

test("a sandbox killed before it was ready proves nothing: the probe decides the walls", { skip: walls ? false : "no namespaces here" }, () => {
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", scenario], { encoding: "utf8", env: { ...process.env } });
  const { first, settledEarly, level, probed, later } = JSON.parse(out.trim().split("\n").pop() as string);
  assert.equal(first.provisional, true, "the first sandbox starts through walls not yet proven");
  assert.equal(first.isolation.network, false);
  assert.equal(settledEarly, false, "the walls are not known while their only witness is starting");
  // The probe ran: the level is what it found, and it is the one every later sandbox gets.
  assert.deepEqual(level, probed);
  assert.equal(later.provisional, false);
  assert.deepEqual(later.isolation, level);
});
