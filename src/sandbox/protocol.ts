/**
 * Messages between the grader and the sandbox child. Requests are frames on fd 3: a 4-byte
 * little-endian length, then a v8-serialized message. Answers carry, between the length and the
 * message, the session secret the grader sent first, so a frame learner code might write itself is
 * recognised as forged. Everything the child sends is untrusted all the same: the host re-checks it.
 */

/** Bytes of the secret the grader writes on the channel before anything else. */
export const SECRET_BYTES = 16;

/** A submission file as the grader read it, transpiled, or why it cannot be loaded. */
export type SourceFile = { code: string } | { syntaxError: { message: string; line?: number; column?: number } } | { unusable: string };

/** Sent right after the secret, before the child runs anything of the learner's. */
export interface HelloRequest {
  type: "hello";
  /** descriptors the grader's caller left open without close-on-exec: the child closes them */
  closeFds: number[];
  /** source of bootstrapRealm (src/sandbox/child/realm/, bundled), evaluated inside each new realm */
  bootstrap: string;
}

export interface InitRequest {
  type: "init";
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

export type Request = HelloRequest | InitRequest | LoadRequest | CallRequest;

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
  | { kind: "unusable"; file: string; message: string }
  | { kind: "threw"; file: string; thrown: ThrownInfo }
  | { kind: "bad-import"; file: string; specifier: string; message: string }
  | { kind: "missing-export"; file: string; exportName: string; exports: string[] };

export type Response =
  | { type: "loaded"; id: number; ok: true; files: string[] }
  | { type: "loaded"; id: number; ok: false; failure: LoadFailure }
  | CallItem
  | { type: "done"; id: number }
  | { type: "ready" }
  | { type: "output"; stream: "stdout" | "stderr"; text: string };

/** The outcome of one call of a CallRequest; one frame each, in order, then "done". */
export type CallItem =
  | {
      type: "item";
      id: number;
      index: number;
      ok: true;
      value: unknown;
      args?: unknown[];
      ms?: number;
      /** arrays of the value that are one object: [path of a later visit, path of the first] (see child/wire.ts) */
      aliases?: [number[], number[]][];
    }
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
