/** Writing an output file so that nothing planted where it goes is ever written through. */
import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes text to path through a new file beside it (a random name, created exclusively, so a link
 * planted there makes it fail rather than be followed), then renames it into place: a link at path is
 * replaced, never followed. Throws what the file system throws, the temporary file removed.
 */
export function replaceFile(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: "wx", mode: 0o644 });
    renameSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") rmSync(temporary, { force: true });
    throw error;
  }
}
