// Writes dist/build-id: a hash of every file of the build, so that what a build decided (the verdicts a
// check keeps, see src/run/verdicts.ts) is never taken for what another build would decide, whatever
// the version number says.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dist = new URL("../dist", import.meta.url).pathname;
const out = join(dist, "build-id");
const hash = createHash("sha256");
const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
  .filter((path) => path !== out)
  .sort();
for (const path of files) hash.update(relative(dist, path)).update("\0").update(readFileSync(path)).update("\0");
hash.update(readFileSync(new URL("../package.json", import.meta.url)));
writeFileSync(out, `${hash.digest("hex")}\n`);
