/**
 * The child's own realm, locked down before learner code runs. Learner code should never reach this
 * realm (see realm/bootstrap.ts); should it ever, it finds no module, no handle and no way to end or
 * change the process here. Node's permission model and the process walls stay underneath.
 */
import { defineProperty, getOwnPropertyNames, processObject } from "./primordials.js";

/**
 * The main realm's globals that stay: ECMAScript's own, which lead nowhere. Everything else Node puts
 * there (fetch, WebSocket, timers, queueMicrotask, Buffer, process, MessageChannel, performance, ...)
 * is deleted before learner code runs: code that reached this realm must find no way out of the
 * synchronous loop and no network API, even where the kernel's walls are missing.
 */
const ECMASCRIPT_GLOBALS = new Set([
  "Object",
  "Function",
  "Array",
  "Number",
  "parseFloat",
  "parseInt",
  "Infinity",
  "NaN",
  "undefined",
  "Boolean",
  "String",
  "Symbol",
  "Date",
  "Promise",
  "RegExp",
  "Error",
  "AggregateError",
  "EvalError",
  "RangeError",
  "ReferenceError",
  "SyntaxError",
  "TypeError",
  "URIError",
  "globalThis",
  "JSON",
  "Math",
  "Intl",
  "ArrayBuffer",
  "Uint8Array",
  "Int8Array",
  "Uint16Array",
  "Int16Array",
  "Uint32Array",
  "Int32Array",
  "Float32Array",
  "Float64Array",
  "Uint8ClampedArray",
  "BigUint64Array",
  "BigInt64Array",
  "DataView",
  "Map",
  "BigInt",
  "Set",
  "WeakMap",
  "WeakSet",
  "Proxy",
  "Reflect",
  "FinalizationRegistry",
  "WeakRef",
  "decodeURI",
  "decodeURIComponent",
  "encodeURI",
  "encodeURIComponent",
  "escape",
  "unescape",
  "eval",
  "isFinite",
  "isNaN",
  "SharedArrayBuffer",
  "Atomics",
]);

/** Members of process that reach modules, handles (a pipe's constructor can bind sockets), files or the process itself. */
const PROCESS_MEMBERS = [
  "getBuiltinModule",
  "binding",
  "_linkedBinding",
  "dlopen",
  "reallyExit",
  "_kill",
  "kill",
  "exit",
  "abort",
  "chdir",
  "setuid",
  "setgid",
  "seteuid",
  "setegid",
  "setgroups",
  "initgroups",
  "_debugProcess",
  "_debugEnd",
  "_startProfilerIdleNotifier",
  "_stopProfilerIdleNotifier",
  "openStdin",
  "setSourceMapsEnabled",
  "_getActiveHandles",
  "_getActiveRequests",
  "getActiveResourcesInfo",
  "stdin",
  "stdout",
  "stderr",
  "report",
  "channel",
  "mainModule",
  "_rawDebug",
  "loadEnvFile",
  // Ways back to the event loop, or to run code later: a swallowed exception, a tick, a listener.
  "setUncaughtExceptionCaptureCallback",
  "hasUncaughtExceptionCaptureCallback",
  "nextTick",
  "on",
  "once",
  "addListener",
  "prependListener",
  "prependOnceListener",
  "emit",
  "emitWarning",
  "setMaxListeners",
  "constrainedMemory",
  "memoryUsage",
  "resourceUsage",
  "cpuUsage",
  "env",
  "argv",
  "execArgv",
  "execPath",
];

/**
 * Set once this realm is locked down. A child forked from the fork server, which locked its realm down
 * before forking, inherits the flag with everything lockDown did: doing it again there changed nothing
 * and cost each child 1.3 to 1.8 ms on an idle machine, 4 to 14 ms on a busy one (a thrown TypeError per
 * process member already locked).
 */
let lockedDown = false;

/** Removes every way this realm has to Node's modules, handles and the process itself. */
export function lockDown(): void {
  if (lockedDown) return;
  const global = globalThis as unknown as Record<string, unknown>;
  // Node's modules too: `node -e` defines require, module and one global per built-in module.
  for (const name of getOwnPropertyNames(global)) {
    if (ECMASCRIPT_GLOBALS.has(name)) continue;
    try {
      delete global[name];
    } catch {
      // not deletable: left as it is
    }
  }
  for (const name of PROCESS_MEMBERS) {
    const deny = () => {
      throw new Error(`process.${name} is not available in the sandbox`);
    };
    try {
      defineProperty(processObject, name, { get: deny, set: deny, configurable: false });
    } catch {
      // already locked down
    }
  }
  lockedDown = true;
}
