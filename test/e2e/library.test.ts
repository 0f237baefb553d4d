// The library API from another package: `import { check } from "convgrade"` in a temporary package
// that depends on convgrade by path, as an instructor's own tooling would.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "./_run-cli.js";

test('import { check } from "convgrade" grades a folder and returns the report, printing nothing', () => {
  const work = mkdtempSync(join(tmpdir(), "convgrade-library-"));
  try {
    writeFileSync(
      join(work, "package.json"),
      JSON.stringify({ name: "instructor-tools", private: true, type: "module", dependencies: { convgrade: `file:${ROOT}` } }),
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--offline"], { cwd: work, stdio: "ignore" });
    writeFileSync(
      join(work, "grade.mjs"),
      `import { check, DiskCache, defaultCacheDir } from "convgrade";
const report = await check({ dir: process.argv[2], functions: undefined });
const cached = await check({ dir: process.argv[2], cache: new DiskCache(defaultCacheDir()) });
console.log(JSON.stringify({ score: report.score, maxScore: report.maxScore, names: report.functions.map((f) => f.name), again: cached.score }));
`,
    );
    const out = execFileSync(process.execPath, ["grade.mjs", join(ROOT, "test/submissions/pass/loops")], { cwd: work, encoding: "utf8" });
    const result = JSON.parse(out) as { score: number; maxScore: number; names: string[]; again: number };
    assert.equal(result.score, result.maxScore);
    assert.equal(result.again, result.score);
    assert.equal(result.names.length, 8);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
