/** Finds the submissions of a class: every real subfolder of the class folder is one. */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { HarnessError } from "../errors.js";

/** What was found in the class folder. */
export interface ClassListing {
  /** the class folder, resolved */
  dir: string;
  /** submission folder names, in code-unit order */
  names: string[];
  /** entries that are not submissions, and why (links, files, hidden folders) */
  skipped: { name: string; reason: string }[];
}

/**
 * Lists the submissions: real folders only, without following links (a link could make two rows of
 * one folder, or grade a folder outside the class). Names starting with "." (.git) are not
 * submissions, nor is the output folder when it lies inside the class folder.
 */
export function listClass(dir: string, exclude: readonly string[] = [], cwd = process.cwd()): ClassListing {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new HarnessError("SUBMISSION_MISSING", `class folder not found: ${relative(cwd, dir) || dir}`);
  }
  const root = realpathSync(dir);
  const excluded = new Set(exclude.filter((path) => existsSync(path)).map((path) => realpathSync(path)));
  const names: string[] = [];
  const skipped: ClassListing["skipped"] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isSymbolicLink()) skipped.push({ name: entry.name, reason: "a symbolic link, not followed" });
    else if (!entry.isDirectory()) skipped.push({ name: entry.name, reason: "not a folder" });
    else if (excluded.has(join(root, entry.name))) skipped.push({ name: entry.name, reason: "the output folder" });
    else names.push(entry.name);
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { dir: root, names, skipped };
}
