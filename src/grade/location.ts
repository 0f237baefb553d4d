/**
 * Finds the learner's own frame in a stack trace and shows the source around it. Stack traces are
 * learner data: a path in one is only a key into the sources the grader itself read from the
 * submission, never a file to open.
 */
import { relative } from "node:path";
import type { SourceLocation } from "../result.js";

/** The submission's original sources, by the real path the grader read them from. */
export type Sources = ReadonlyMap<string, string>;

const FRAME = /\(?((?:\/|[A-Za-z]:\\)[^():\n]+):(\d+):(\d+)\)?/;

/** The first stack frame in a submission file the grader read, relative to cwd; other frames are skipped. */
export function learnerFrame(stack: string | undefined, sources: Sources, cwd = process.cwd()): SourceLocation | undefined {
  if (!stack) return undefined;
  for (const line of stack.split("\n").slice(0, 200)) {
    // A frame line is short; a long one (learner-made) would cost FRAME's backtracking quadratic time.
    if (line.length > 1000 || !/^\s+at /.test(line)) continue;
    const match = FRAME.exec(line);
    if (!match || !sources.has(match[1])) continue;
    // Sucrase keeps lines but not always columns, so only the line is reported for run-time errors.
    return locationIn(sources, match[1], Number(match[2]), undefined, cwd);
  }
  return undefined;
}

/** A location in a submission file the grader read, with a code frame; undefined for any other path or a line it does not have. */
export function locationIn(
  sources: Sources,
  path: string,
  line: number | undefined,
  column: number | undefined,
  cwd = process.cwd(),
): SourceLocation | undefined {
  const source = sources.get(path);
  if (source === undefined || line === undefined) return undefined;
  const lines = source.split("\n");
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return undefined;
  const col = column !== undefined && Number.isInteger(column) && column >= 1 && column <= 10_000 ? column : undefined;
  const location: SourceLocation = { file: relative(cwd, path), line, ...(col !== undefined ? { column: col } : {}) };
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? "").replace(/\r$/, "").replace(/\t/g, "  ").slice(0, 160);
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${text}`);
    if (n === line && col !== undefined) out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.min(col - 1, 160))}^`);
  }
  return { ...location, frame: out.join("\n") };
}

/** "exercises/conv-forward.ts:12:5" */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}${location.column !== undefined ? `:${location.column}` : ""}`;
}
