/**
 * Sample submissions for the end-to-end tests: discovery, the declarative expected.json of each,
 * building an overlay folder, and running the real CLI on it.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: two levels up from test/helpers. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SAMPLES_DIR = join(ROOT, "test", "submissions");
export const CLI = join(ROOT, "bin", "convgrade.js");
/** Outcome folders, in the order their samples are listed. */
export const OUTCOMES = ["pass", "fail", "error", "hostile"] as const;

export type FunctionStatus = "pass" | "fail" | "error" | "not-implemented";
export type CaseStatus = "pass" | "fail" | "error" | "timeout";

/** What one function of the report must look like. */
export interface FunctionExpectation {
  status: FunctionStatus;
  /** the score is at least this far below maxScore */
  minLost?: number;
  /** the exact score */
  score?: number;
  /** one message (the function's own, or a case's or gradient check's) contains all of these */
  messageIncludes?: string[];
  /** one message matches this regular expression */
  messageMatches?: string;
  /** some case or gradient check has this status */
  caseStatus?: CaseStatus;
  /** the function's captured output contains all of these ("<ROOT>" stands for the project root) */
  outputIncludes?: string[];
  outputTruncated?: boolean;
}

/** The expected.json of a sample folder. */
export interface SampleExpectation {
  description: string;
  /** folder the overlay goes on top of, relative to test/submissions ("exercises": the stubs); null: none */
  base: string | null;
  /** files of the base to delete from the overlay */
  remove?: string[];
  /** extra arguments for `convgrade check` */
  args?: string[];
  exitCode: number;
  functions: Record<string, FunctionExpectation>;
  /** functions allowed to fall short because they use a broken one (an import, a gradient check) */
  mayFail?: string[];
  /** every function not listed above passes with full marks */
  othersPass: boolean;
  /** functions not listed above printed nothing: what a function prints is never credited to another */
  othersSilent?: boolean;
  /** the whole run takes at most this long */
  maxDurationMs?: number;
  /** absolute paths that must not exist after the run (what a sandbox escape would have created) */
  filesMustNotExist?: string[];
}

export interface Sample {
  /** "fail/conv-forward-ceil" */
  name: string;
  dir: string;
  expected: SampleExpectation;
}

const EXPECTATION_KEYS = new Set([
  "description",
  "base",
  "remove",
  "args",
  "exitCode",
  "functions",
  "mayFail",
  "othersPass",
  "othersSilent",
  "maxDurationMs",
  "filesMustNotExist",
]);
const FUNCTION_KEYS = new Set(["status", "minLost", "score", "messageIncludes", "messageMatches", "caseStatus", "outputIncludes", "outputTruncated"]);

// A typo in an expectation must not silently weaken a test.
function checkKeys(found: object, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(found)) {
    if (!allowed.has(key)) throw new Error(`${where}: unknown key "${key}"`);
  }
}

function readExpectation(file: string): SampleExpectation {
  const expected = JSON.parse(readFileSync(file, "utf8")) as SampleExpectation;
  checkKeys(expected, EXPECTATION_KEYS, file);
  for (const [name, f] of Object.entries(expected.functions)) checkKeys(f, FUNCTION_KEYS, `${file} functions.${name}`);
  if (typeof expected.exitCode !== "number" || typeof expected.othersPass !== "boolean" || !("base" in expected)) {
    throw new Error(`${file}: exitCode, base and othersPass are required`);
  }
  return expected;
}

/** Every sample folder (one holding an expected.json) under the outcome folders. */
export function discoverSamples(): Sample[] {
  const samples: Sample[] = [];
  for (const outcome of OUTCOMES) {
    const folder = join(SAMPLES_DIR, outcome);
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder).sort()) {
      const dir = join(folder, entry);
      const file = join(dir, "expected.json");
      if (statSync(dir).isDirectory() && existsSync(file)) samples.push({ name: `${outcome}/${entry}`, dir, expected: readExpectation(file) });
    }
  }
  return samples;
}

const notExpectation = (source: string) => !source.endsWith("expected.json");

/** Copies the base, then the sample's own files on top, into a fresh temporary folder. */
export function buildSubmission(sample: Sample): string {
  const target = mkdtempSync(join(tmpdir(), "convgrade-e2e-"));
  const { base } = sample.expected;
  if (base !== null) {
    const baseDir = base === "exercises" ? join(ROOT, "exercises") : join(SAMPLES_DIR, base);
    cpSync(baseDir, target, { recursive: true, filter: notExpectation });
  }
  cpSync(sample.dir, target, { recursive: true, filter: notExpectation });
  for (const file of sample.expected.remove ?? []) rmSync(join(target, file));
  // A hostile sample may know exactly where the package lives: "<ROOT>/" in its files is the project root.
  for (const file of readdirSync(sample.dir)) {
    const path = join(target, file);
    if (!file.endsWith(".ts") || !existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    if (text.includes("<ROOT>/")) writeFileSync(path, text.replaceAll("<ROOT>/", ROOT));
  }
  return target;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** The folder of this test run, shared by its test files (see test-run.mjs); undefined when a file runs alone. */
export const RUN_DIR = process.env.CONVGRADE_TEST_RUN_DIR || undefined;

/**
 * Where the CLI caches during the tests, so they never touch the project's node_modules/.cache: one
 * folder for the whole run (entries are keyed by content, so every copy of pass/loops shares them),
 * or one for this process.
 */
export const TEST_CACHE_DIR = RUN_DIR ? join(RUN_DIR, "cache") : join(tmpdir(), `convgrade-e2e-cache-${process.pid}`);

/** Removes TEST_CACHE_DIR at the end of a test file, unless it belongs to the whole run (which removes it). */
export function removeTestCache(): void {
  if (!RUN_DIR) rmSync(TEST_CACHE_DIR, { recursive: true, force: true });
}

/**
 * How long a run of the CLI may take before it is killed (a hang fails its test, and the run goes on).
 * Far above what any run takes on an idle machine: a batch of 5 submissions one at a time took over 120 s
 * at a load average of 20 on 2 cores, and was killed at what was the limit then.
 */
export const CLI_KILL_MS = 600_000;

/**
 * Runs `node bin/convgrade.js <args>` from the project root, without colour, and collects what it prints;
 * env adds to the environment.
 */
export function runCli(args: string[], timeoutMs = CLI_KILL_MS, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", CONVGRADE_CACHE_DIR: TEST_CACHE_DIR, ...extraEnv };
  delete env.FORCE_COLOR; // it would win over NO_COLOR
  delete env.DEBUG;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, durationMs: Math.round(performance.now() - started) });
    });
  });
}

/** Extra arguments for every check: CONVGRADE_E2E_FIXTURES points the samples at another fixture folder. */
export function fixtureArgs(): string[] {
  const folder = process.env.CONVGRADE_E2E_FIXTURES;
  return folder ? ["--fixtures", folder] : [];
}
