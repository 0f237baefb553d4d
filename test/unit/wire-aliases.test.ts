// Rows that are one array object, as the sandbox child reports them (toWire in src/sandbox/child/wire.ts)
// and the grader reads them back (itemOf in src/sandbox/validate.ts): found by identity alone, without
// running anything of the value's.
import assert from "node:assert/strict";
import { test } from "node:test";
import { toWire } from "../../src/sandbox/child/wire.js";
import { itemOf, unwrapShared } from "../../src/sandbox/validate.js";

test("rows made by fill come wrapped with the paths of a later and the first visit", () => {
  const row = [1, 2];
  const wire = toWire(
    [
      [row, row],
      [[3, 4], row],
    ],
    1000,
  ) as { $wire: string; value: unknown; aliases: unknown };
  assert.equal(wire.$wire, "shared");
  assert.deepEqual(wire.value, [
    [
      [1, 2],
      [1, 2],
    ],
    [
      [3, 4],
      [1, 2],
    ],
  ]);
  assert.deepEqual(wire.aliases, [
    [
      [0, 1],
      [0, 0],
    ],
    [
      [1, 1],
      [0, 0],
    ],
  ]);
});

test("a value without shared arrays is sent as before; a cycle stays a cycle, not an alias", () => {
  assert.deepEqual(toWire([[1], [2]], 100), [[1], [2]]);
  const cyclic: unknown[] = [1];
  cyclic.push(cyclic);
  assert.deepEqual(toWire(cyclic, 100), [1, { $wire: "cycle" }]);
});

test("shared typed-array rows count, and at most eight pairs are sent", () => {
  const row = new Float64Array([1, 2]);
  const wire = toWire(new Array(20).fill(row), 1000) as { aliases: unknown[] };
  assert.equal(wire.aliases.length, 8);
});

test("identity is read without touching the value: a Proxy row runs no trap beyond the reads of its elements", () => {
  const traps: string[] = [];
  const row = new Proxy([1, 2], {
    get: (target, key, receiver) => {
      traps.push(`get ${String(key)}`);
      return Reflect.get(target, key, receiver);
    },
    getPrototypeOf: (target) => {
      traps.push("getPrototypeOf");
      return Reflect.getPrototypeOf(target);
    },
  });
  const wire = toWire([row, row], 100) as { aliases: unknown };
  assert.deepEqual(wire.aliases, [[[1], [0]]]);
  // Each visit reads the length and the elements, as any array is read; nothing else.
  assert.deepEqual(traps, ["get length", "get 0", "get 1", "get length", "get 0", "get 1"]);
});

test("the grader unwraps the value and keeps checked paths; arguments with shared rows are still compared", () => {
  const row = [0, 0];
  const item = itemOf({ type: "item", id: 1, index: 0, ok: true, value: toWire([row, row], 100), args: toWire([[row, row]], 100) });
  assert.ok(item.ok);
  assert.deepEqual(item.value, [
    [0, 0],
    [0, 0],
  ]);
  assert.deepEqual(item.aliases, [[[1], [0]]]);
  assert.deepEqual(item.args, [
    [
      [0, 0],
      [0, 0],
    ],
  ]);
  assert.deepEqual(unwrapShared({ $wire: "shared", value: [1], aliases: [[["x"], [0]], "junk", [[-5], [0]]] }), { value: [1] });
});
