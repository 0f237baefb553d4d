/**
 * Starts the sandbox child before the CLI has even loaded, so that the child's start-up overlaps the
 * grader's own. It reads only --dir and --memory; the full CLI re-checks and discards a mismatch.
 */
import { existsSync, realpathSync } from "node:fs";
import { Sandbox } from "../sandbox/host.js";
import { DEFAULT_DIR, DEFAULT_MEMORY_MB } from "./defaults.js";

function optionValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/** A sandbox already starting for `check`, or undefined when the arguments are anything else. */
export function prestart(argv: readonly string[]): Sandbox | undefined {
  if (argv[0] !== "check" || argv.includes("--help") || argv.includes("-h")) return undefined;
  try {
    const dir = optionValue(argv, "--dir") ?? DEFAULT_DIR;
    const memoryMb = Number(optionValue(argv, "--memory") ?? DEFAULT_MEMORY_MB);
    if (!existsSync(dir) || !Number.isInteger(memoryMb) || memoryMb <= 0) return undefined;
    const real = realpathSync(dir);
    if (real.includes(",")) return undefined;
    const sandbox = new Sandbox({ dir: real, memoryMb });
    sandbox.warmUp();
    return sandbox;
  } catch {
    return undefined; // the full CLI will report whatever is wrong
  }
}
