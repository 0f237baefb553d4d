// The grader's side of the channel against a compromised child: one that knows the session secret
// (as learner code would if it ever escaped its realm) and sends whatever it likes. Nothing it sends
// may be taken as an answer out of turn, and nothing may stretch a request past its time limit.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Sandbox, type SandboxOutcome } from "../../src/sandbox/host.ts";
import type { CallItem } from "../../src/sandbox/protocol.ts";

/** A child that speaks the protocol, signs its frames, and answers each request with `behaviour`. */
function compromisedChild(behaviour: string): string {
  return `
const fs = require("node:fs");
const v8 = require("node:v8");
const cell = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms) => Atomics.wait(cell, 0, 0, ms);
function readExact(n) {
  const b = Buffer.alloc(n);
  let o = 0;
  while (o < n) {
    let r;
    try { r = fs.readSync(3, b, o, n - o, null); } catch (e) { if (e.code === "EAGAIN") { sleep(1); continue; } throw e; }
    if (r === 0) process.exit(0);
    o += r;
  }
  return b;
}
const secret = readExact(16);
const readFrame = () => v8.deserialize(readExact(readExact(4).readUInt32LE(0)));
function send(message, signed = true) {
  const p = v8.serialize(message);
  const h = Buffer.alloc(4);
  h.writeUInt32LE(p.length);
  const frame = Buffer.concat(signed ? [h, secret, p] : [h, p]);
  let o = 0;
  while (o < frame.length) { try { o += fs.writeSync(3, frame, o); } catch (e) { if (e.code === "EAGAIN") { sleep(1); continue; } throw e; } }
}
readFrame(); // hello
send({ type: "ready" });
for (;;) {
  const request = readFrame();
  if (request.type !== "call" && request.type !== "load") continue;
  const id = request.id;
  ${behaviour}
}`;
}

async function call(behaviour: string, count: number, timeoutMs: number): Promise<{ outcome: SandboxOutcome; items: CallItem[]; ms: number }> {
  const sandbox = new Sandbox({ memoryMb: 64, script: compromisedChild(behaviour) });
  const items: CallItem[] = [];
  // The first request also waits for the child to start; time the second one.
  await sandbox.request({ type: "load", id: 0, realm: "r", file: "/x.ts", exportName: "f" }, 5000);
  const started = performance.now();
  try {
    const outcome = await sandbox.request(
      {
        type: "call",
        id: 0,
        realm: "r",
        file: "/x.ts",
        exportName: "f",
        argsList: Array.from({ length: count }, () => []),
        returnArgs: false,
        stopOnThrow: false,
      },
      timeoutMs,
      { perItem: true, count, onItem: (item) => items.push(item) },
    );
    return { outcome, items, ms: performance.now() - started };
  } finally {
    sandbox.close();
  }
}

const LOADED = `if (request.type === "load") { send({ type: "loaded", id, ok: true, files: [] }); continue; }`;

test("a child that names itself after the line the memory watch reads (VmRSS: 1 kB) is still stopped: its real resident memory counts", async () => {
  const { outcome } = await call(
    `${LOADED} process.title = "VmRSS: 1 kB"; const kept = []; for (let i = 0; i < 40; i++) kept.push(Buffer.alloc(10 * 1024 * 1024, 1)); sleep(8000); send({ type: "done", id });`,
    1,
    15000,
  );
  assert.equal(outcome.ok, false, JSON.stringify(outcome));
  assert.equal(!outcome.ok && outcome.failure.kind, "out-of-memory", JSON.stringify(outcome));
});

test("an honest answer is taken", async () => {
  const { outcome, items } = await call(
    `${LOADED} for (let i = 0; i < request.argsList.length; i++) send({ type: "item", id, index: i, ok: true, value: i }); send({ type: "done", id });`,
    3,
    1000,
  );
  assert.equal(outcome.ok, true);
  assert.deepEqual(
    items.map((item) => (item.ok ? item.value : undefined)),
    [0, 1, 2],
  );
});

test("a frame without the session's secret is refused, and the sandbox is killed", async () => {
  const { outcome, items } = await call(`${LOADED} send({ type: "item", id, index: 0, ok: true, value: 1 }, false); sleep(5000);`, 1, 3000);
  assert.equal(outcome.ok, false);
  assert.equal(!outcome.ok && outcome.failure.kind, "protocol");
  assert.match(!outcome.ok && outcome.failure.kind === "protocol" ? outcome.failure.message : "", /secret/);
  assert.equal(items.length, 0);
});

test("items out of turn, repeated or beyond the request are protocol violations", async () => {
  for (const behaviour of [
    `send({ type: "item", id, index: 5, ok: true, value: 1 });`,
    `send({ type: "item", id, index: 0, ok: true, value: 1 }); send({ type: "item", id, index: 0, ok: true, value: 1 });`,
    `for (let i = 0; i < 3; i++) send({ type: "item", id, index: i, ok: true, value: 1 });`,
    `send({ type: "item", id: id + 1, index: 0, ok: true, value: 1 });`,
    `send({ type: "loaded", id, ok: true, files: [] });`,
    `send({ type: "ready" });`,
    `send({ type: "surprise", id });`,
    `send(42);`,
  ]) {
    const { outcome } = await call(`${LOADED} ${behaviour} sleep(5000);`, 2, 3000);
    assert.equal(!outcome.ok && outcome.failure.kind, "protocol", behaviour);
  }
});

test("a child that keeps answering just in time cannot stretch a request past its calls times the limit", async () => {
  // Each item comes 250 ms after the last, under the 300 ms limit, for ever: the request ends at 2 × 300 ms.
  const { outcome, ms } = await call(
    `${LOADED} for (let i = 0; i < 2; i++) { sleep(250); send({ type: "item", id, index: i, ok: true, value: i }); } sleep(100000);`,
    2,
    300,
  );
  assert.equal(!outcome.ok && outcome.failure.kind, "timeout");
  assert.ok(ms < 2 * 300 + 400, `took ${ms} ms`);
});

test("output frames never extend the limit", async () => {
  const { outcome, ms } = await call(`${LOADED} for (;;) { send({ type: "output", stream: "stdout", text: "tick" }); sleep(20); }`, 1, 300);
  assert.equal(!outcome.ok && outcome.failure.kind, "timeout");
  assert.ok(ms < 300 + 400, `took ${ms} ms`);
});

test("a load answer with malformed fields is rebuilt from checked fields", async () => {
  const sandbox = new Sandbox({
    memoryMb: 64,
    script: compromisedChild(`send({ type: "loaded", id, ok: false, failure: { kind: "syntax", file: 42, line: "1; rm -rf", message: { toString: 1 } } });`),
  });
  try {
    const outcome = await sandbox.request({ type: "load", id: 0, realm: "r", file: "/x.ts", exportName: "f" }, 5000);
    assert.equal(outcome.ok, true);
    const response = outcome.ok ? outcome.response : undefined;
    assert.deepEqual(response, {
      type: "loaded",
      id: response?.type === "loaded" ? response.id : 0,
      ok: false,
      failure: { kind: "syntax", file: "", message: "", line: undefined, column: undefined },
    });
  } finally {
    sandbox.close();
  }
});
