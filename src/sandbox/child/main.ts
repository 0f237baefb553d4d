/**
 * The sandbox: runs learner code in its own process under Node's permission model, with no file it
 * may read (its code comes with -e, the submission's sources over the channel). It is one
 * self-contained CommonJS file for that reason.
 *
 * Walls, outermost first: the process (permission model, empty environment, an unprivileged user when
 * the grader is root, inherited descriptors closed); this realm locked down before learner code runs
 * (no require, no process.binding or getBuiltinModule); learner code in vm contexts of its own that
 * hold no object of this realm (see realm/bootstrap.ts); answers signed with a secret learner code
 * never sees. Requests are served synchronously, so learner timers and promises never get a turn.
 */

import { MAX_ELEMENTS } from "../../limits.js";
import type { CallRequest, HelloRequest, InitRequest, LoadRequest, Request } from "../protocol.js";
import { readRequest, readSecret, send } from "./channel.js";
import { lockDown } from "./lockdown.js";
import { CHANNEL, closeSync, isArray, now, realExit } from "./primordials.js";
import { loadExport, prepareBootstrap, setBootstrap, setFiles } from "./realms.js";
import { ownData, thrownOf, toWire } from "./wire.js";

/** Bound on the numbers in one returned value, from the grader's init request. */
let maxElements = MAX_ELEMENTS;

function handleLoad(request: LoadRequest): void {
  const loaded = loadExport(request.realm, request.file, request.exportName);
  if (loaded.ok) send({ type: "loaded", id: request.id, ok: true, files: loaded.files });
  else send({ type: "loaded", id: request.id, ok: false, failure: loaded.failure });
}

function handleCall(request: CallRequest): void {
  const id = request.id;
  const loaded = loadExport(request.realm, request.file, request.exportName);
  if (!loaded.ok) {
    send({ type: "item", id, index: 0, ok: false, failure: loaded.failure });
    send({ type: "done", id });
    return;
  }
  for (let index = 0; index < request.argsList.length; index++) {
    const started = now();
    const result = loaded.realm.api.call(loaded.fn, request.argsList[index]);
    if (ownData(result, "ok") !== true) {
      send({ type: "item", id, index, ok: false, thrown: thrownOf(ownData(result, "thrown")) });
      if (request.stopOnThrow) break;
      continue;
    }
    const value = ownData(result, "value");
    let picked = value;
    if (request.pick !== undefined) {
      try {
        picked = isArray(value) ? (value as unknown[])[request.pick] : value;
      } catch {
        picked = value;
      }
    }
    const wire = toWire(picked, maxElements);
    const args = request.returnArgs ? toWire(ownData(result, "args"), maxElements) : undefined;
    send({ type: "item", id, index, ok: true, value: wire, args, ms: now() - started });
  }
  send({ type: "done", id });
}

function handle(request: Request): void {
  if (request.type === "init") {
    const init = request as InitRequest;
    setFiles(init.files);
    maxElements = init.maxElements;
  } else if (request.type === "load") handleLoad(request);
  else if (request.type === "call") handleCall(request);
}

function main(): void {
  readSecret();
  const hello = readRequest() as HelloRequest & { bootstrap?: string };
  // Descriptors the grader's caller left open must not reach learner code.
  for (const fd of hello.closeFds ?? []) {
    try {
      if (Number.isInteger(fd) && fd > CHANNEL) closeSync(fd);
    } catch {
      // already closed
    }
  }
  setBootstrap(typeof hello.bootstrap === "string" ? hello.bootstrap : "");
  lockDown();
  // Before any learner code: the grader starts its time limits from here.
  send({ type: "ready" });
  for (;;) {
    const request = readRequest();
    try {
      handle(request);
    } catch {
      // A fault of ours (or learner code sabotaging the sandbox): answer so the grader is not left waiting.
      const id = (request as { id?: number }).id ?? 0;
      // Possibly a learner's value (a Proxy trap that threw while we read a record): nothing of it is read.
      const thrown = { name: "Error", message: "the sandbox could not read what the exercise returned", notImplemented: false };
      if (request.type === "load") send({ type: "loaded", id, ok: false, failure: { kind: "threw", file: request.file, thrown } });
      else if (request.type === "call") {
        send({ type: "item", id, index: 0, ok: false, thrown });
        send({ type: "done", id });
      }
    }
  }
}

/** Runs the sandbox; never returns. */
function run(): void {
  // Nothing may ever leave main() by an exception: uncaught, it would reach Node's handlers and the
  // event loop, where learner timers and promises run.
  try {
    main();
  } finally {
    realExit(71);
  }
}

/**
 * Started by a fork server (zygote/main.ts), this bundle is loaded once in the zygote: it hands over
 * run(), which each forked child calls, and the realm bootstrap is parsed and warmed there already.
 */
const zygote = (globalThis as { __convgradeZygote?: { register(run: () => void, prepare: (bootstrap: string) => void): void } }).__convgradeZygote;
if (zygote)
  zygote.register(run, (bootstrap) => {
    // Locked down once in the zygote (no child is forked before): each child starts without Node's ways
    // out. Then the spare realm is made, as a spawned child makes its realms: after the lockdown.
    lockDown();
    prepareBootstrap(bootstrap);
  });
else run();
