/**
 * The two sides of a realm's boundary: what the child hands the bootstrap (HostBridge) and what the
 * bootstrap hands back (RealmApi). Types only; the child (../realms.ts) and the bootstrap share them.
 */

/** What the child provides; each member returns primitives (or a function compiled in this realm) and never throws. */
export interface HostBridge {
  output(stream: string, text: string): void;
  now(): number;
  /** a submission file compiled in this realm: a function, or a string saying why not ("missing", "clash", "unusable:<why>") */
  compile(file: string, withLocals: boolean): unknown;
  /** absolute path of a relative import, "" when no submission file matches */
  resolve(from: string, specifier: string): string;
  dirname(file: string): string;
  /** Node's built-in module names, comma-separated */
  builtins: string;
  /** globals passed to each module as parameters, comma-separated */
  locals: string;
  /** characters of one piece of output */
  maxChunk: number;
}

/** What the child calls in the realm. Results are null-prototype records; the child trusts none of their contents. */
export interface RealmApi {
  load(file: string, exportName: string): { ok: boolean; fn?: unknown; failure?: Record<string, unknown>; thrown?: unknown; files?: string[] };
  call(fn: unknown, args: unknown): { ok: boolean; value?: unknown; thrown?: unknown; args: unknown };
}
