/**
 * A learner workspace (`convgrade init`): the exercise stubs the package ships, a package.json with
 * convgrade as a dev dependency, a tsconfig.json, a README and a GitHub Classroom workflow. All or
 * nothing: it writes no file unless none of them exists yet. Returns data; the CLI prints.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HarnessError } from "../errors.js";
import { EXERCISES } from "../exercises.js";
import { CLASSROOM_WORKFLOW, GITIGNORE, packageJson, README, TSCONFIG } from "./templates.js";

const PACKAGE_ROOT = new URL("../../", import.meta.url);

/** One file of the workspace: its path relative to the workspace folder, and its text. */
export interface WorkspaceFile {
  path: string;
  text: string;
}

/** Every file of a workspace, stubs first (in course order), as the package holds them. */
export function workspaceFiles(): WorkspaceFile[] {
  const stubs = fileURLToPath(new URL("exercises/", PACKAGE_ROOT));
  const shipped = new Set(readdirSync(stubs));
  const missing = EXERCISES.filter((exercise) => !shipped.has(exercise.file));
  if (missing.length) throw new HarnessError("INTERNAL", `the package lacks the stubs ${missing.map((e) => e.file).join(", ")} in ${stubs}`);
  const { version } = JSON.parse(readFileSync(new URL("package.json", PACKAGE_ROOT), "utf8")) as { version: string };
  return [
    ...EXERCISES.map((exercise) => ({ path: `exercises/${exercise.file}`, text: readFileSync(join(stubs, exercise.file), "utf8") })),
    { path: "package.json", text: packageJson(version) },
    { path: "tsconfig.json", text: TSCONFIG },
    { path: "README.md", text: README },
    { path: ".gitignore", text: GITIGNORE },
    { path: ".github/workflows/classroom.yml", text: CLASSROOM_WORKFLOW },
  ];
}

/** Whether anything is at the path: a file, a folder, or a link (even a dangling one). */
function taken(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** The folders a relative path passes through: ".github/workflows/x" gives ".github", ".github/workflows". */
function parentsWithin(path: string): string[] {
  const parts = path.split("/").slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Writes a workspace into dir (created if missing) and returns the paths written, relative to it.
 * Refuses, writing nothing, when any of its files exists; a write that fails removes what it wrote.
 */
export function initWorkspace(dir: string): string[] {
  const files = workspaceFiles();
  // A folder of the workspace that is a link (.github -> elsewhere) would send files out of it.
  const linked = [...new Set(files.flatMap((file) => parentsWithin(file.path)))].filter((folder) => isLink(join(dir, folder)));
  if (linked.length)
    throw new HarnessError("USAGE", `${dir} has ${linked.join(", ")} as a symbolic link: init writes only into real folders, so it wrote nothing`);
  const existing = files.filter((file) => taken(join(dir, file.path))).map((file) => file.path);
  if (existing.length) {
    throw new HarnessError("USAGE", `${dir} already has ${existing.join(", ")}: init overwrites nothing, so it wrote nothing`);
  }
  const written: string[] = [];
  try {
    for (const file of files) {
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      // "wx": fails rather than overwrite, even a file that appeared since the check (or a link placed there).
      writeFileSync(path, file.text, { flag: "wx" });
      written.push(path);
    }
  } catch (error) {
    for (const path of written) rmSync(path, { force: true });
    throw new HarnessError("USAGE", `could not write the workspace in ${dir}, so nothing was kept: ${(error as Error).message}`);
  }
  return files.map((file) => file.path);
}
