/**
 * `npm run fixtures`: writes fixtures/*.json from the reference solutions (see fixture-cases.ts).
 * With options (`npm run fixtures -- --seed <s> --cases <n> --hidden --out <folder>`): a private set instead (see private-fixtures.ts).
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildFixtures } from "./fixture-cases.js";

if (process.argv.length > 2) {
  const { runPrivateFixtures } = await import("./private-fixtures.js");
  process.exit(runPrivateFixtures(process.argv.slice(2)));
}

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
for (const [file, text] of Object.entries(buildFixtures())) {
  writeFileSync(join(fixturesDir, file), text);
  console.log(`fixtures/${file}  ${(text.length / 1024).toFixed(1)} KB`);
}
