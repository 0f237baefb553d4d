// The realm bootstrap as the child uses it (the bundle in dist/, evaluated in a fresh vm context), with
// a plain host bridge: it leaves no name of its own in the realm, and what learner code does to the
// realm's prototypes and globals changes nothing of what console, process, util, assert,
// structuredClone and require do for it afterwards.

import assert from "node:assert/strict";
import { builtinModules } from "node:module";
import { test } from "node:test";
import vm from "node:vm";
import type { HostBridge, RealmApi } from "../../src/sandbox/child/realm/bridge.ts";
import { realmSource } from "../../src/sandbox/realm-source.ts";

const LOCALS = ["Math", "Array", "Number", "Object", "JSON", "Error", "console"];
const PARAMS = ["exports", "require", "module", "__filename", "__dirname"];

function realm(files: Record<string, string>): { api: RealmApi; output: string[]; context: vm.Context } {
  const context = vm.createContext(Object.create(null), { codeGeneration: { strings: true, wasm: false } });
  const output: string[] = [];
  const host: HostBridge = {
    output: (stream, text) => output.push(`${stream}:${text}`),
    now: () => 1234.5,
    compile: (file, withLocals) =>
      file in files ? vm.compileFunction(files[file], withLocals ? [...PARAMS, ...LOCALS] : PARAMS, { filename: file, parsingContext: context }) : "missing",
    resolve: (_from, specifier) => (`/${specifier.slice(2)}.ts` in files ? `/${specifier.slice(2)}.ts` : ""),
    dirname: () => "/",
    builtins: builtinModules.join(","),
    locals: LOCALS.join(","),
    maxChunk: 10_000,
  };
  const bootstrap = new vm.Script(`(${realmSource()})`, { filename: "convgrade:realm" }).runInContext(context) as (host: HostBridge) => RealmApi;
  return { api: bootstrap(host), output, context };
}

/** Learner code that uses what the bootstrap gave it, and nothing of JavaScript's own after tamper() may have run. */
const PROBE = `
const util = require("node:util");
const assert = require("node:assert");
const helper = require("./helper");
const map = new Map([[1, { a: [1, 2] }]]);
const set = new Set(["x", [2]]);
const nested = { "a-b": 1, c: { d: { e: { f: 1 } } } };
const floats = new Float64Array([1.5, 2]);
const date = new Date(0);
exports.probe = function probe() {
  console.log(map, set, nested, floats, date, -0, 10n, function named() {}, class K {});
  console.log("%s|%d|%i|%j|%o|%%", "s", "42", 3.7, nested, map);
  console.group("g");
  console.log("a\\nb");
  console.groupEnd();
  console.count();
  console.time("t");
  console.timeLog("t", 1, 2);
  console.assert(false, "bad %s", "x");
  process.stdout.write("raw\\n");
  console.log(process.hrtime(), process.hrtime.bigint(), performance.now());
  console.log(util.format("%s=%d", "n", 3, nested), util.inspect(nested, { depth: 0 }), util.isDeepStrictEqual(nested, structuredClone(nested)));
  console.log(structuredClone(map), structuredClone(set), structuredClone(date), structuredClone(floats));
  try { assert.deepStrictEqual(nested, { c: 1 }); } catch (error) { console.log(error.name, error.code, error.message); }
  try { assert.equal(1, 2); } catch (error) { console.log(error.message); }
  try { helper.nope; } catch (error) { console.log(error.name, error.message); }
  try { require("node:fs"); } catch (error) { console.log(error.code, error.message); }
  try { process.exit(1); } catch (error) { console.log(error.message); }
  try { structuredClone(probe); } catch (error) { console.log(error.message); }
};`;

const TAMPER = `
exports.tamper = function tamper() {
  const array = Array.prototype;
  for (const name of ["map", "join", "filter", "every", "push", "indexOf", "slice", "forEach"]) array[name] = () => "tampered";
  array[Symbol.iterator] = function* () { yield "tampered"; };
  Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true });
  Object.getPrototypeOf(new Map().entries()).next = () => ({ done: true });
  Object.getPrototypeOf(new Set().values()).next = () => ({ done: true });
  for (const proto of [Map.prototype, Set.prototype]) for (const name of ["get", "set", "has", "add", "entries", "values", "forEach"]) proto[name] = () => undefined;
  Object.defineProperty(Map.prototype, "size", { get: () => -1 });
  for (const name of ["slice", "split", "replace", "startsWith", "indexOf"]) String.prototype[name] = () => "tampered";
  Number.prototype.toFixed = () => "tampered";
  Date.prototype.toISOString = () => "tampered";
  Date.prototype.getTime = () => -1;
  RegExp.prototype.test = () => false;
  Function.prototype.toString = () => "tampered";
  Function.prototype.call = Function.prototype.apply = () => "tampered";
  for (const name of ["min", "trunc", "round", "floor"]) Math[name] = () => -1;
  Object.keys = () => [];
  Object.freeze = (o) => o;
  Object.getPrototypeOf = () => null;
  Reflect.get = () => "tampered";
  Reflect.apply = () => "tampered";
  JSON.stringify = () => "tampered";
  globalThis.Number = () => -1;
  globalThis.BigInt = () => -1n;
  globalThis.String = () => "tampered";
  globalThis.Map = globalThis.Set = globalThis.Error = function () {};
};`;

const FILES = { "/main.ts": PROBE, "/helper.ts": "exports.one = 1;", "/tamper.ts": TAMPER };

function exported(api: RealmApi, file: string, name: string): unknown {
  const loaded = api.load(file, name);
  assert.equal(loaded.ok, true, JSON.stringify(loaded));
  return loaded.fn;
}

test("the bundle is one expression: it adds to the realm only the globals it installs (a fresh context has console already)", () => {
  const fresh = vm.runInContext("Object.getOwnPropertyNames(globalThis)", vm.createContext(Object.create(null))) as string[];
  const { context } = realm(FILES);
  const added = Array.from(vm.runInContext("Object.getOwnPropertyNames(globalThis)", context) as string[]).filter((name) => !fresh.includes(name));
  assert.deepEqual(added.sort(), [
    "clearImmediate",
    "clearInterval",
    "clearTimeout",
    "global",
    "performance",
    "process",
    "queueMicrotask",
    "setImmediate",
    "setInterval",
    "setTimeout",
    "structuredClone",
  ]);
});

test("prototypes and globals replaced by learner code change nothing the bootstrap does", () => {
  const plain = realm(FILES);
  assert.equal(plain.api.call(exported(plain.api, "/main.ts", "probe"), []).ok, true);
  const shown = plain.output.join("");
  for (const expected of ["Map(1) { 1 => { a: [ 1, 2 ] } }", "Set(2) { 'x', [ 2 ] }", "1970-01-01T00:00:00.000Z", "s|42|3|", "  a\n  b", "t: 0.000ms 1 2"]) {
    assert.ok(shown.includes(expected), `${expected} in\n${shown}`);
  }
  assert.ok(shown.includes("'./helper' has no export named 'nope' (it exports 'one')"), shown);
  assert.ok(shown.includes("ERR_ACCESS_DENIED"), shown);

  const tampered = realm(FILES);
  const probe = exported(tampered.api, "/main.ts", "probe");
  assert.equal(tampered.api.call(exported(tampered.api, "/tamper.ts", "tamper"), []).ok, true);
  assert.equal(tampered.api.call(probe, []).ok, true);
  assert.deepEqual(tampered.output, plain.output);
});

test("arguments reach learner code as copies made of the realm's arrays, whatever it did to Array.prototype", () => {
  const files = {
    "/main.ts": `exports.f = (a) => a; exports.poison = () => { Object.defineProperty(Array.prototype, "0", { set() { throw new Error("setter"); } }); };`,
  };
  const { api } = realm(files);
  api.call(exported(api, "/main.ts", "poison"), []);
  const result = api.call(exported(api, "/main.ts", "f"), [[[1, 2], { b: [3] }]]);
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.deepEqual(JSON.parse(JSON.stringify(result.value)), [[1, 2], { b: [3] }]);
});
