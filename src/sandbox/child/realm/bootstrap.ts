/**
 * The code that sets up one realm (a vm context) for learner code. It never runs in the grader nor
 * in the child's own realm: scripts/build-child.mjs bundles this folder into one expression whose
 * value is bootstrapRealm, the host sends that text in its hello, and the child evaluates it inside
 * each new context (../realms.ts). So every object made here (console, process, the module loader,
 * require, module, exports) belongs to that context, and learner code holds no object of the child's
 * realm, from which it could reach the channel, Node's modules or another function's realm. The
 * child's functions it needs come in once as a HostBridge and are kept in closures here.
 *
 * Rules for this folder, checked by biome.json and lint/realm-intrinsics.grit: no import from outside
 * it; no global named, no built-in's method called and no iterator protocol used (for...of, spread,
 * array destructuring), except in intrinsics.ts, which captures them all when the bundle is evaluated,
 * before learner code can replace any of them.
 */
import type { HostBridge, RealmApi } from "./bridge.js";
import { makeBuiltins } from "./builtins.js";
import { callFunction } from "./call.js";
import { makeConsole } from "./console.js";
import { makeEmit } from "./emit.js";
import { installGlobals } from "./globals.js";
import { guardHost } from "./guard-host.js";
import { G, push, stringSplit } from "./intrinsics.js";
import { loadExport, makeLoaderState } from "./loader.js";
import { makeProcess } from "./process.js";
import { structuredClone } from "./structured-clone.js";

/** Sets up the realm it runs in and returns what the child calls. */
export function bootstrapRealm(unguarded: HostBridge): RealmApi {
  const host = guardHost(unguarded);
  const now = host.now;
  const emit = makeEmit(host);
  installGlobals({ console: makeConsole(emit, now), process: makeProcess(emit, now), structuredClone }, now);
  const names = stringSplit(host.locals, ",");
  const locals: unknown[] = [];
  for (let i = 0; i < names.length; i++) push(locals, G[names[i]]);
  const loader = makeLoaderState(host, makeBuiltins(), locals);
  return { __proto__: null, load: (file: string, exportName: string) => loadExport(loader, file, exportName), call: callFunction } as unknown as RealmApi;
}
