/** The child's own realm, locked down before learner code runs. */
import { defineProperty } from "./primordials.js";

/** Removes every way this realm has to Node's modules and to the process, before learner code runs. */
export function lockDown(): void {
  const global = globalThis as unknown as Record<string, unknown>;
  for (const name of ["require", "module", "exports", "__filename", "__dirname"]) {
    try {
      delete global[name];
    } catch {
      // not deletable: nothing reachable through it from a learner realm anyway
    }
  }
  const deny = (what: string) => () => {
    throw new Error(`${what} is not available in the sandbox`);
  };
  const names = ["getBuiltinModule", "binding", "_linkedBinding", "dlopen", "reallyExit", "_kill", "kill", "exit", "abort", "chdir", "setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups", "_debugProcess", "_debugEnd", "_startProfilerIdleNotifier", "_stopProfilerIdleNotifier", "openStdin", "setSourceMapsEnabled"];
  for (const name of names) {
    try {
      defineProperty(process, name, { value: deny(`process.${name}()`), configurable: false, writable: false });
    } catch {
      // already locked down
    }
  }
}
