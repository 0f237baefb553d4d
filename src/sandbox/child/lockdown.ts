/**
 * The child's own realm, locked down before learner code runs. Learner code should never reach this
 * realm (see realm-bootstrap.cts); should it ever, it finds no module, no handle and no way to end or
 * change the process here. Node's permission model and the process walls stay underneath.
 */
import { builtinList, defineProperty } from "./primordials.js";

/** Globals that lead to Node's modules: `node -e` defines one per built-in module, besides require. */
const MODULE_GLOBALS = ["require", "module", "exports", "__filename", "__dirname", ...builtinList.split(",")];

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
];

/** Removes every way this realm has to Node's modules, handles and the process itself. */
export function lockDown(): void {
  const global = globalThis as unknown as Record<string, unknown>;
  for (const name of MODULE_GLOBALS) {
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
      defineProperty(process, name, { get: deny, set: deny, configurable: false });
    } catch {
      // already locked down
    }
  }
}
