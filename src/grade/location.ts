/** Finds the learner's own frame in a stack trace and shows the source around it. */
import { readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import type { SourceLocation } from "../run/result.js";

const FRAME = /\(?((?:\/|[A-Za-z]:\\)[^():\n]+):(\d+):(\d+)\)?/;

/** The first stack frame inside the submission folder, relative to cwd; harness frames are skipped. */
export function learnerFrame(stack: string | undefined, dir: string, cwd = process.cwd()): SourceLocation | undefined {
  if (!stack) return undefined;
  for (const line of stack.split("\n")) {
    if (!/^\s+at /.test(line)) continue;
    const match = FRAME.exec(line);
    if (!match) continue;
    const [, path, lineNo] = match;
    if (!path.startsWith(dir + sep)) continue;
    // Sucrase keeps lines but not always columns, so only the line is reported for run-time errors.
    return withFrame({ file: relative(cwd, path), line: Number(lineNo) }, path);
  }
  return undefined;
}

/** A location in a source file, with a code frame read from it. */
export function locationIn(path: string, line: number | undefined, column: number | undefined, cwd = process.cwd()): SourceLocation | undefined {
  if (line === undefined) return undefined;
  return withFrame({ file: relative(cwd, path), line, column }, path);
}

function withFrame(location: SourceLocation, path: string): SourceLocation {
  let lines: string[];
  try {
    lines = readFileSync(path, "utf8").split("\n");
  } catch {
    return location;
  }
  const first = Math.max(1, location.line - 2);
  const last = Math.min(lines.length, location.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? "").replace(/\t/g, "  ").slice(0, 160);
    out.push(`${n === location.line ? ">" : " "} ${String(n).padStart(width)} | ${text}`);
    if (n === location.line && location.column !== undefined) {
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, location.column - 1))}^`);
    }
  }
  return { ...location, frame: out.join("\n") };
}

/** "exercises/conv-forward.ts:12:5" */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}${location.column !== undefined ? `:${location.column}` : ""}`;
}
