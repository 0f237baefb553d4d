// src/cli/network-warning.ts
function warnIfNetworkOpen(walls) {
  if (!walls.network) return;
  process.stderr.write(
    `convgrade: WARNING: this machine cannot cut the sandbox off the network (${walls.reason ?? walls.level}).
convgrade: code that took over its sandbox process could send hidden inputs out. Run as root, allow user
convgrade: namespaces, or disable the network (see "Threat model" in the README); --require-isolation makes this an error.
`
  );
}

// src/report/replace-file.ts
import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
function replaceFile(path, text) {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: "wx", mode: 420 });
    renameSync(temporary, path);
  } catch (error) {
    if (error.code !== "EEXIST") rmSync(temporary, { force: true });
    throw error;
  }
}

export {
  warnIfNetworkOpen,
  replaceFile
};
