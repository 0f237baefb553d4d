/**
 * Messages between the grader and the sandbox child. Frames on fd 3 are a 4-byte little-endian length
 * followed by a v8-serialized message. Everything the child sends is untrusted: the host re-checks it.
 */

/** A transpiled submission file, or why it could not be transpiled. */
export type SourceFile =
  | { code: string }
  | { syntaxError: { message: string; line?: number; column?: number } };

export interface InitRequest {
  type: "init";
  /** absolute path of the submission folder */
  dir: string;
  /** transpiled files by absolute path of their source */
  files: Record<string, SourceFile>;
  /** bound on the numbers in one returned value */
  maxElements: number;
}

export interface LoadRequest {
  type: "load";
  id: number;
  /** the graded function whose realm (fresh globals, fresh modules) this runs in */
  realm: string;
  file: string;
  exportName: string;
}

export interface CallRequest {
  type: "call";
  id: number;
  /** the graded function whose realm (fresh globals, fresh modules) this runs in */
  realm: string;
  file: string;
  exportName: string;
  /** one argument list per call; each call gets its own fresh copy */
  argsList: unknown[][];
  /** send the arguments back after the call, to detect in-place modification */
  returnArgs: boolean;
  /** stop at the first call that throws (gradient checks) instead of going on */
  stopOnThrow: boolean;
  /** send back only this element of an array result (the output of [Z, cache]) */
  pick?: number;
}

export type Request = InitRequest | LoadRequest | CallRequest;

/** What was thrown, described without trusting it. */
export interface ThrownInfo {
  name: string;
  message: string;
  stack?: string;
  notImplemented: boolean;
}

export type LoadFailure =
  | { kind: "missing-file"; file: string }
  | { kind: "syntax"; file: string; message: string; line?: number; column?: number }
  | { kind: "threw"; file: string; thrown: ThrownInfo }
  | { kind: "bad-import"; file: string; specifier: string; message: string }
  | { kind: "missing-export"; file: string; exportName: string; exports: string[] };

export type Response =
  | { type: "loaded"; id: number; ok: true }
  | { type: "loaded"; id: number; ok: false; failure: LoadFailure }
  | CallItem
  | { type: "done"; id: number }
  | { type: "ready" }
  | { type: "output"; stream: "stdout" | "stderr"; text: string };

/** The outcome of one call of a CallRequest; one frame each, in order, then "done". */
export type CallItem =
  | { type: "item"; id: number; index: number; ok: true; value: unknown; args?: unknown[]; ms?: number }
  | { type: "item"; id: number; index: number; ok: false; thrown?: ThrownInfo; failure?: LoadFailure };

/**
 * Values coming back from learner code are converted by the child into plain data: arrays and typed
 * arrays become arrays, anything else that is not a number, boolean, string, null or undefined becomes
 * a tagged object.
 */
export type WireTag =
  | { $wire: "hole" }
  | { $wire: "object"; ctor: string; entries: [string, unknown][] }
  | { $wire: "function"; name: string }
  | { $wire: "promise" }
  | { $wire: "cycle" }
  | { $wire: "too-deep" }
  | { $wire: "too-large"; count: number; limit: number }
  | { $wire: "unreadable"; message: string }
  | { $wire: "other"; description: string };

export const WIRE_TAG = "$wire";
