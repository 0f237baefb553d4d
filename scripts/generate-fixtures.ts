/** `npm run fixtures`: writes fixtures/*.json from the reference solutions (see fixture-cases.ts). */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildFixtures } from "./fixture-cases.js";

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
for (const [file, text] of Object.entries(buildFixtures())) {
  writeFileSync(join(fixturesDir, file), text);
  console.log(`fixtures/${file}  ${(text.length / 1024).toFixed(1)} KB`);
}
