/**
 * `check --typecheck`: the TypeScript compiler over the submission, against the exercises' signature
 * types. It never runs anything, but it is not given the submission folder either: it checks copies of
 * the files the grader itself read, in a folder of its own, so links and odd files stay unread.
 * Type errors are shown, never scored, and never stop grading.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { EXERCISES } from "../exercises.js";
import { TYPECHECK_LIMIT_MS } from "../limits.js";
import type { TypeErrorInfo } from "../result.js";
import { exportLine } from "./export-line.js";

/** The package's own folder: its dist/index.d.ts holds the signature types. */
const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SIGNATURES = "__convgrade_signatures.ts";
const TYPES = "__convgrade_types";

/** What the compiler found, or why it could not run. */
export type TypecheckResult = { errors: TypeErrorInfo[] } | { unavailable: string };

/**
 * The TypeScript installed beside convgrade; never one found from the working folder, which may be a
 * learner's checkout with a tsc of its own making.
 */
function findTsc(): string | undefined {
  try {
    return join(dirname(createRequire(fileURLToPath(import.meta.url)).resolve("typescript/package.json")), "bin", "tsc");
  } catch {
    return undefined;
  }
}

/** A module that assigns each export to its signature type (a wrong signature is a type error there), and which exercise each line checks. */
function signatureChecks(present: ReadonlySet<string>): { text: string; owners: Map<number, string> } {
  const lines = ['import type * as T from "convgrade";'];
  const owners = new Map<number, string>();
  EXERCISES.forEach((exercise, k) => {
    if (!present.has(exercise.file)) return;
    const type = exercise.name[0].toUpperCase() + exercise.name.slice(1);
    lines.push(`import * as m${k} from "./${exercise.file}";`, `export const check${k}: T.${type} = m${k}.${exercise.name};`);
    owners.set(lines.length - 1, exercise.file).set(lines.length, exercise.file);
  });
  return { text: `${lines.join("\n")}\n`, owners };
}

/** Writes the copies, the signature module, a tsconfig and a link to convgrade's types into folder. */
function writeProject(folder: string, dir: string, sources: ReadonlyMap<string, string>): Map<number, string> {
  for (const [path, source] of sources) {
    const target = join(folder, relative(dir, path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, source);
  }
  const signatures = signatureChecks(new Set([...sources.keys()].map((path) => relative(dir, path))));
  writeFileSync(join(folder, SIGNATURES), signatures.text);
  // convgrade's own declarations, copied in: with noResolve the compiler reads nothing outside this folder.
  cpSync(join(PACKAGE_ROOT, "dist"), join(folder, TYPES), { recursive: true, filter: (path) => !/\.(js|cjs|mjs)$/.test(path) });
  // noResolve: the compiler reads the copies and convgrade's types, nothing an import names elsewhere.
  const compilerOptions = {
    noResolve: true,
    paths: { convgrade: [`./${TYPES}/index.d.ts`] },
    resolveJsonModule: false,
    typeRoots: [],
    strict: true,
    noEmit: true,
    target: "es2022",
    module: "esnext",
    moduleResolution: "bundler",
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: [],
  };
  const include = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];
  writeFileSync(join(folder, "tsconfig.json"), JSON.stringify({ compilerOptions, include, exclude: [] }));
  return signatures.owners;
}

/**
 * "file(line,col): error TS2322: message" lines, with paths back in the submission folder. An error in
 * the signature module is the export's: it is put on the line that exports it.
 */
export function parseTscOutput(
  output: string,
  folder: string,
  dir: string,
  owners: ReadonlyMap<number, string>,
  sources: ReadonlyMap<string, string>,
): TypeErrorInfo[] {
  const errors: TypeErrorInfo[] = [];
  for (const line of output.split("\n")) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line.trim());
    if (!match) continue;
    const inProject = relative(folder, resolve(folder, match[1]));
    const owner = inProject === SIGNATURES ? owners.get(Number(match[2])) : undefined;
    if (owner) {
      const file = join(dir, owner);
      const exercise = EXERCISES.find((e) => e.file === owner);
      const where = exportLine(sources.get(file), exercise?.name ?? "") ?? 1;
      errors.push({ file, line: where, column: 1, code: match[4], message: `${exercise?.name} does not match the exercise's signature: ${match[5]}` });
    } else if (!inProject.startsWith("..") && inProject !== SIGNATURES) {
      errors.push({ file: join(dir, inProject), line: Number(match[2]), column: Number(match[3]), code: match[4], message: match[5] });
    }
  }
  return errors;
}

/** Type-checks the files the grader read; settles within TYPECHECK_LIMIT_MS whatever the compiler does. */
export async function typecheck(dir: string, sources: ReadonlyMap<string, string>): Promise<TypecheckResult> {
  const tsc = findTsc();
  if (!tsc) return { unavailable: "--typecheck needs TypeScript: npm install --save-dev typescript" };
  const folder = mkdtempSync(join(tmpdir(), "convgrade-typecheck-"));
  try {
    const owners = writeProject(folder, dir, sources);
    const output = await new Promise<string>((done) => {
      execFile(
        process.execPath,
        [tsc, "--noEmit", "--pretty", "false", "-p", folder],
        { cwd: folder, timeout: TYPECHECK_LIMIT_MS, maxBuffer: 4 << 20 },
        (_error, stdout) => done(String(stdout)),
      );
    });
    return { errors: parseTscOutput(output, folder, dir, owners, sources) };
  } catch (error) {
    return { unavailable: `the type check could not run: ${(error as Error).message}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
