/**
 * The CONVGRADE_* environment variables, checked before the command runs: a value convgrade cannot use
 * is a usage error, where the core would fall back to its default without a word (a uid of "nobody"
 * for CONVGRADE_SANDBOX_UID=abc, namespaces kept for CONVGRADE_SANDBOX_NAMESPACES=off), and a name it
 * does not know (CONVGRADE_CACHEDIR) is a warning with the nearest known name.
 */
import { HarnessError } from "../errors.js";
import { closest } from "../suggest.js";

/** What a variable's value must be, or undefined when any value will do. */
type Check = ((value: string) => boolean) | undefined;

/** A uid or gid for the sandbox: a whole number above 0 (root's 0 is what it must not be). */
const sandboxId: Check = (value) => /^[1-9][0-9]{0,9}$/.test(value) && Number(value) < 2 ** 32 - 1;

/** The variables convgrade reads, with what their values must be (as the message says it). */
const VARIABLES: Record<string, { check?: Check; expected?: string }> = {
  // a folder; empty means the default one
  CONVGRADE_CACHE_DIR: {},
  CONVGRADE_SANDBOX_UID: { check: sandboxId, expected: "a user id above 0" },
  CONVGRADE_SANDBOX_GID: { check: sandboxId, expected: "a group id above 0" },
  CONVGRADE_FORK_SERVER: {
    check: (value) => value === "0" || value === "1",
    expected: "0 (every sandbox starts a process of its own) or 1 (a fork server where it can be built, the default)",
  },
  CONVGRADE_SANDBOX_NAMESPACES: {
    check: (value) => value === "0" || value === "1",
    expected: "0 (no namespaces) or 1 (namespaces where the kernel allows them, the default)",
  },
};

/** Named like ours but read by others: GitHub Classroom's reporter step, and convgrade's own tests. */
const OTHERS = new Set(["CONVGRADE_RESULTS", "CONVGRADE_E2E_FIXTURES", "CONVGRADE_SLOW_TESTS"]);

/** Variables convgrade once read, with what to do instead. */
const RETIRED: Record<string, string> = {
  CONVGRADE_TRACE: "convgrade no longer prints per-call timings; each function's time is in the json report (durationMs)",
};

/** A name or value from the environment, fit to print: quoted when it holds anything but plain characters. */
function shown(text: string): string {
  return /^[\w./:@-]*$/.test(text) ? text : JSON.stringify(text);
}

/**
 * Checks the CONVGRADE_* variables of an environment: throws a HarnessError (exit 2) for a value that
 * cannot be used, and returns a warning for each name convgrade does not read.
 */
export function checkEnvironment(env: NodeJS.ProcessEnv = process.env): string[] {
  const warnings: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !/^convgrade_/i.test(name)) continue;
    const variable = Object.hasOwn(VARIABLES, name) ? VARIABLES[name] : undefined;
    if (variable?.check && !variable.check(value)) {
      throw new HarnessError("USAGE", `${name} must be ${variable.expected}, got ${JSON.stringify(value)}`);
    }
    if (variable || OTHERS.has(name)) continue;
    if (Object.hasOwn(RETIRED, name)) {
      warnings.push(`${name} is ignored: ${RETIRED[name]}`);
      continue;
    }
    const near = closest(name, Object.keys(VARIABLES));
    const hint = near ? `did you mean ${near}?` : `convgrade reads ${Object.keys(VARIABLES).join(", ")}`;
    warnings.push(`${shown(name)} is not a variable convgrade reads, so it is ignored: ${hint}`);
  }
  return warnings;
}
