/** What the grader reads of its sandbox processes from /proc and the signal table (Linux). */
import { readFileSync } from "node:fs";
import { constants } from "node:os";

/** The first child of a process, from /proc (unshare --fork runs its command in one). */
export function firstChild(pid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(" ")[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One field of a /proc/<pid>/status text, from the line that starts with its name. The process sets its
 * own Name line (process.title, prctl), which may read "VmRSS: 1 kB", but cannot start a line of its own:
 * the kernel escapes newlines in it. Never a search through the whole text.
 */
export function statusField(status: string, name: string): string | undefined {
  for (const line of status.split("\n")) if (line.startsWith(`${name}:`)) return line.slice(name.length + 1).trim();
  return undefined;
}

/** A signal's name by its number, as Node names them. */
export function signalName(number: number): NodeJS.Signals | null {
  return (Object.entries(constants.signals).find(([, n]) => n === number)?.[0] as NodeJS.Signals | undefined) ?? null;
}
