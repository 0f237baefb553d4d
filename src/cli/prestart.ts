/**
 * Starts the sandbox child before the CLI has even loaded, so that the child's start-up overlaps the
 * grader's own. It reads only --dir, --memory and --jobs; the full CLI re-checks and discards a mismatch.
 */
import { existsSync } from "node:fs";
import { MIN_MEMORY_MB, Sandbox } from "../sandbox/host.js";
import { DEFAULT_DIR, DEFAULT_JOBS, DEFAULT_MEMORY_MB } from "./defaults.js";

function optionValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/** Sandboxes already starting for `check`; none when the arguments are anything else. */
export function prestart(argv: readonly string[]): Sandbox[] {
  if (argv[0] !== "check" || argv.includes("--help") || argv.includes("-h")) return [];
  try {
    const dir = optionValue(argv, "--dir") ?? DEFAULT_DIR;
    const memoryMb = Number(optionValue(argv, "--memory") ?? DEFAULT_MEMORY_MB);
    const jobs = Number(optionValue(argv, "--jobs") ?? DEFAULT_JOBS);
    if (!existsSync(dir) || !Number.isInteger(memoryMb) || memoryMb < MIN_MEMORY_MB || !Number.isInteger(jobs) || jobs <= 0) return [];
    return Array.from({ length: Math.min(jobs, 8) }, () => {
      const sandbox = new Sandbox({ memoryMb });
      sandbox.warmUp();
      return sandbox;
    });
  } catch {
    return []; // the full CLI will report whatever is wrong
  }
}
