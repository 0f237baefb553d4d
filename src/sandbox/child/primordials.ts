/**
 * Everything the child uses from JavaScript and Node, captured when its bundle loads, before any
 * learner code runs: later changes to globals or prototypes cannot reach these bindings.
 */
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import * as path from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";

// Captured before any learner code runs.
export const { readSync, writeSync, closeSync } = fs;
export const { serialize, deserialize } = v8;
export const { createContext, compileFunction, Script } = vm;
export const scriptRunInContext = vm.Script.prototype.runInContext;
export const { apply } = Reflect;
export const { isArray } = Array;
export const { isView } = ArrayBuffer;
export const { getPrototypeOf, keys: objectKeys, prototype: objectPrototype, defineProperty, hasOwn, getOwnPropertyDescriptor, getOwnPropertyNames } = Object;
export const atomicsWait = Atomics.wait;
export const { isInteger } = Number;
export const typedArraySet = Object.getPrototypeOf(Uint8Array.prototype).set as (this: Uint8Array, source: ArrayLike<number>, offset?: number) => void;
export const bufferOf = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "buffer")!.get!;
export const Uint8ArrayCtor = Uint8Array;
export const DataViewCtor = DataView;
export const dataViewGetUint32 = DataView.prototype.getUint32;
export const dataViewSetUint32 = DataView.prototype.setUint32;
export const StringCtor = String;
export const builtinList = nodeModule.builtinModules.join(",");
export const processObject = process;
export const realExit = (process as unknown as { reallyExit(code?: number): never }).reallyExit.bind(process);
export const sleepCell = new Int32Array(new SharedArrayBuffer(4));
export const now = performance.now.bind(performance);
export const resolvePath = path.resolve;
export const dirnameOf = path.dirname;

export const CHANNEL = 3;
export const SECRET_BYTES = 16;
/**
 * Globals passed to each module as parameters, with the realm's own values: a vm context's global
 * object is slow to read from (it is intercepted), and numeric code reads Math and Array constantly.
 */
export const REALM_LOCALS = [
  "Math",
  "Array",
  "Number",
  "Object",
  "Float64Array",
  "Float32Array",
  "Int32Array",
  "Boolean",
  "String",
  "JSON",
  "Error",
  "TypeError",
  "RangeError",
  "Infinity",
  "NaN",
  "isFinite",
  "isNaN",
  "console",
];
export const MODULE_PARAMS = ["exports", "require", "module", "__filename", "__dirname"];
