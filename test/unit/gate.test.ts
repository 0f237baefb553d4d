// The gate between shown and hidden sandboxes: never both kinds at work, the other kind killed first.

import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { type SandboxKind, VisibilityGate } from "../../src/sandbox/gate.ts";

test("requests of one kind run together; the other kind waits for them, then its opposite is killed", async () => {
  const closed: SandboxKind[] = [];
  const running = new Set<string>();
  const overlaps: string[] = [];
  const gate = new VisibilityGate((kind) => {
    closed.push(kind);
    return undefined;
  });
  const request = async (name: string, kind: SandboxKind, ms: number) => {
    const release = await gate.enter(kind);
    for (const other of running) if (!other.startsWith(kind)) overlaps.push(`${name} with ${other}`);
    running.add(`${kind} ${name}`);
    await sleep(ms);
    running.delete(`${kind} ${name}`);
    release();
  };
  await Promise.all([
    request("a", "shown", 30),
    request("b", "shown", 60),
    request("c", "hidden", 10),
    request("d", "hidden", 10),
    (async () => {
      await sleep(5);
      await request("e", "shown", 10);
    })(),
  ]);
  assert.deepEqual(overlaps, []);
  assert.ok(closed.length >= 1 && closed[0] === "shown", closed.join(","));
  assert.equal(gate.switches, closed.length);
});

test("a release called twice counts once", async () => {
  const gate = new VisibilityGate(() => undefined);
  const release = await gate.enter("shown");
  release();
  release();
  const other = await gate.enter("hidden");
  other();
  assert.equal(gate.switches, 1);
});
