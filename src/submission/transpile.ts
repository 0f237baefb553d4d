/**
 * Reads the submission folder and turns its TypeScript into CommonJS for the sandbox. Sucrase keeps
 * line numbers, so learner stack traces point at the right line without source maps; results are
 * cached by content, so an unchanged file costs one hash and no transpiler load.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import type { SourceFile } from "../sandbox/protocol.js";
import { DiskCache, hashOf } from "../cache.js";

const SOURCE_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs"]);
const MAX_FILES = 200;
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_DEPTH = 4;

/** Lists the source files of a submission folder (absolute paths), skipping node_modules and dot folders. */
export function listSourceFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.length >= MAX_FILES) return;
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) walk(full, depth + 1);
      } else if (SOURCE_EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith(".d.ts")) {
        found.push(full);
      }
    }
  };
  walk(dir, 0);
  return found.sort();
}

type Transform = (code: string, options: Record<string, unknown>) => { code: string };
let sucrase: Promise<Transform> | undefined;
const loadSucrase = () => (sucrase ??= import("sucrase").then((module) => module.transform as unknown as Transform));

function transformsFor(file: string): string[] {
  const extension = extname(file);
  if (extension === ".cjs") return [];
  if (extension === ".js" || extension === ".mjs") return ["imports"];
  if (extension === ".tsx") return ["typescript", "imports", "jsx"];
  return ["typescript", "imports"];
}

function syntaxErrorOf(error: unknown, source: string): SourceFile {
  const e = error as { message?: string; pos?: unknown };
  const message = String(e.message ?? error).replace(/^Error transforming [^:]+: /, "").replace(/ \(\d+:\d+\)$/, "");
  if (typeof e.pos !== "number") return { syntaxError: { message } };
  const before = source.slice(0, e.pos);
  const line = before.split("\n").length;
  const column = e.pos - before.lastIndexOf("\n");
  return { syntaxError: { message, line, column } };
}

/** Transpiles one file (or fetches it from the cache). */
export async function transpileFile(file: string, cache: DiskCache): Promise<SourceFile> {
  let source: string;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return { syntaxError: { message: `file is larger than ${MAX_FILE_BYTES} bytes` } };
    source = readFileSync(file, "utf8");
  } catch (error) {
    return { syntaxError: { message: `cannot read file: ${(error as Error).message}` } };
  }
  const transforms = transformsFor(file);
  if (transforms.length === 0) return { code: source };
  const key = hashOf("sucrase-3", file, source);
  const cached = cache.get("transpiled", key);
  if (cached !== undefined) {
    try {
      return JSON.parse(cached) as SourceFile;
    } catch {
      // corrupt entry: transpile again
    }
  }
  const transform = await loadSucrase();
  let result: SourceFile;
  try {
    result = { code: transform(source, { transforms, filePath: file, disableESTransforms: true, production: true }).code };
  } catch (error) {
    result = syntaxErrorOf(error, source);
  }
  cache.set("transpiled", key, JSON.stringify(result));
  return result;
}

/** Transpiles every source file of the submission, keyed by absolute path. */
export async function transpileSubmission(dir: string, cache: DiskCache): Promise<Record<string, SourceFile>> {
  const files = listSourceFiles(dir);
  const results = await Promise.all(files.map((file) => transpileFile(file, cache)));
  const out: Record<string, SourceFile> = {};
  files.forEach((file, index) => (out[file] = results[index]));
  return out;
}
