/**
 * Verdicts kept between checks, for the learner's loop: a function whose inputs are all as they were when
 * it was last graded gets that grade again without running. The key holds everything a verdict depends on
 * (this build of convgrade, the fixture file's bytes, the limits, the folders, the set of files the
 * sandbox is given, and the code and source of every file the function can reach), so a stale verdict
 * cannot be used. Whether a run may use them at all is its caller's decision (the CLI's mayReuseVerdicts:
 * a learner's check at a terminal, not in CI, not with --no-cache) and check()'s, which never uses them
 * with hidden cases: there a grade is for someone else, and a cache is not the grader's own.
 */
import { join } from "node:path";
import { type DiskCache, hashOf } from "../cache.js";
import type { Fixture } from "../fixtures/load.js";
import type { FunctionResult } from "../result.js";
import type { SourceFile } from "../sandbox/protocol.js";
import { importedSpecifiers, type ListedFile, resolveImport } from "../submission/read.js";
import { buildIdentity } from "../version.js";

const BUCKET = "verdicts";

/** A require() or import() whose argument is not a string: any file the sandbox was given may be loaded. */
const COMPUTED_IMPORT = /\b(?:require|import)\s*\(\s*(?!["'`]\s*[^"'`]*["'`]\s*\))/;

/** What every verdict of one run shares. */
export interface VerdictScope {
  cache: DiskCache;
  build: string;
  dir: string;
  cwd: string;
  timeoutMs: number;
  memoryMb: number;
  /** the transpiled submission, as the sandbox gets it */
  files: Record<string, SourceFile>;
  /** the sources as read, by path: code frames and export lines in a verdict come from them */
  sources: ReadonlyMap<string, string>;
}

interface Entry {
  /** the files its realm loaded (and what they import), with the hash of each one's code and source (fileHash) */
  files: [string, string][];
  result: FunctionResult;
}

/** The scope of a run's verdicts, or undefined when this build cannot name itself (run from the sources). */
export function verdictScope(options: Omit<VerdictScope, "build">): VerdictScope | undefined {
  const build = buildIdentity();
  return build === undefined ? undefined : { ...options, build };
}

/** A file as a verdict depends on it: the code that ran, and the source its messages quote (a changed type annotation changes no code). */
function fileHash(scope: VerdictScope, path: string): string {
  const file = scope.files[path];
  return file === undefined ? "absent" : hashOf("source-file", JSON.stringify(file), scope.sources.get(path) ?? "\0unread");
}

/**
 * The files a function can load, found without running it: its own file and what it imports, by the
 * sandbox's own resolution. A computed import anywhere among them could reach any file the sandbox has,
 * so then it is all of them. Only the key's part: what a verdict is checked against is what its realm
 * reported loading once graded (keepVerdict), however learner code reached it.
 */
function reachable(scope: VerdictScope, entries: readonly string[]): string[] {
  const listed = new Map<string, ListedFile>(Object.keys(scope.files).map((path) => [path, { path, regular: true }]));
  const reached = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const path = queue.pop() as string;
    if (reached.has(path)) continue;
    reached.add(path);
    const file = scope.files[path];
    if (file === undefined || !("code" in file)) continue;
    if (COMPUTED_IMPORT.test(file.code)) return Object.keys(scope.files).sort();
    for (const specifier of importedSpecifiers(file.code)) {
      const target = resolveImport(path, specifier, listed);
      if (target !== undefined) queue.push(target);
    }
  }
  return [...reached].sort();
}

const withHashes = (scope: VerdictScope, paths: readonly string[]): [string, string][] => paths.map((path) => [path, fileHash(scope, path)]);

/**
 * The key holds the code of every file the function can be seen to load, so each version of the code
 * has its verdict (a change undone finds the old one); files its realm loaded beyond those are checked
 * from the entry.
 */
function keyOf(scope: VerdictScope, fixture: Fixture): string {
  const own = reachable(scope, [join(scope.dir, fixture.exercise.file)]);
  return hashOf(
    "verdict",
    scope.build,
    process.version,
    fixture.exercise.name,
    fixture.hash,
    scope.dir,
    scope.cwd,
    String(scope.timeoutMs),
    String(scope.memoryMb),
    // Which files exist decides how imports resolve.
    JSON.stringify(Object.keys(scope.files).sort()),
    JSON.stringify(withHashes(scope, own)),
  );
}

/** The verdict of an earlier run on exactly these inputs, if one was kept. */
export function keptVerdict(scope: VerdictScope, fixture: Fixture): FunctionResult | undefined {
  const stored = scope.cache.get(BUCKET, keyOf(scope, fixture));
  if (stored === undefined) return undefined;
  try {
    const entry = JSON.parse(stored) as Entry;
    if (!Array.isArray(entry.files)) return undefined;
    for (const [path, hash] of entry.files) if (fileHash(scope, path) !== hash) return undefined;
    return entry.result.name === fixture.exercise.name ? { ...entry.result, cached: true } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a verdict would be the same on another run: not when the machine decided it (a time-out, a
 * crash, a memory limit) or when learner code threw (its message may hold anything of the moment).
 */
function repeatable(result: FunctionResult): boolean {
  if (result.status === "not-implemented" || result.status === "pass") return true;
  if (result.status !== "fail") return false;
  return [...result.cases, ...result.gradientChecks].every((c) => c.status === "pass" || c.status === "fail");
}

/** Keeps a function's verdict for later runs, when it is one a later run would repeat; says whether it did. */
export function keepVerdict(scope: VerdictScope, fixture: Fixture, loaded: readonly string[], result: FunctionResult): boolean {
  if (!repeatable(result) || result.cached) return false;
  // Only files the sandbox was given can have been loaded: a process owned by learner code may claim others.
  const files = withHashes(
    scope,
    reachable(
      scope,
      loaded.filter((path) => Object.hasOwn(scope.files, path)),
    ),
  );
  scope.cache.set(BUCKET, keyOf(scope, fixture), JSON.stringify({ files, result } satisfies Entry));
  return true;
}

/**
 * What a check reads before it transpiles or parses anything: the submission's files as read (a path and
 * its source, or that it could not be read), the fixture files' hashes, and its settings. Enough for the
 * CLI to guess, before it has loaded, that a check will reuse every verdict and needs no sandbox.
 */
export interface RunInputs {
  dir: string;
  cwd: string;
  fixturesDir: string;
  timeoutMs: number;
  memoryMb: number;
  /** every submission file read, by path: its source, or undefined when it could not be read */
  sources: ReadonlyMap<string, string | undefined>;
  /** each graded function's fixture hash (Fixture.hash), in course order */
  fixtures: readonly { name: string; hash: string }[];
}

function runKey(build: string, inputs: RunInputs): string {
  const names = inputs.fixtures.map((fixture) => fixture.name).join(",");
  return hashOf("last-run", build, process.version, inputs.dir, inputs.cwd, inputs.fixturesDir, names, String(inputs.timeoutMs), String(inputs.memoryMb));
}

function runDigest(inputs: RunInputs): string {
  const files = [...inputs.sources.keys()].sort().flatMap((path) => [path, inputs.sources.get(path) ?? "\0unreadable"]);
  return hashOf("run-inputs", ...inputs.fixtures.map((fixture) => fixture.hash), ...files);
}

/** Remembers that a check on these inputs reused or kept every verdict: the same inputs need no sandbox. */
export function rememberAllKept(cache: DiskCache, inputs: RunInputs): void {
  const build = buildIdentity();
  if (build !== undefined) cache.set(BUCKET, runKey(build, inputs), runDigest(inputs));
}

/**
 * Whether the last check on these inputs reused or kept every verdict. Only a guess about the next check
 * (an entry may have gone from the cache since): it decides whether sandboxes are started early, never a grade.
 */
export function allKeptLastTime(cache: DiskCache, inputs: RunInputs): boolean {
  const build = buildIdentity();
  return build !== undefined && cache.get(BUCKET, runKey(build, inputs)) === runDigest(inputs);
}
