// npm run fixtures -- --seed …, run as a process as an instructor runs it: the same bytes twice, a short
// seed refused for a hidden set, a drawn seed printed. Slow (each run starts tsx): in `npm test`, not in
// `npm run test:quick`, whose test/unit/private-fixtures.test.ts holds the sets themselves.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { buildPrivateFixtures } from "../../scripts/private-fixtures.js";
import { ROOT } from "../helpers/samples.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-private-script-"));
test.after(() => rmSync(work, { recursive: true, force: true }));
/** A 128-bit seed (32 hex digits) made from a small number. */
const hexSeed = (n: number) => n.toString(16).padStart(32, "0");

describe("the private-set generator's command line", () => {
  test("npm run fixtures -- --seed … writes the same bytes twice, through the script", () => {
    const run = (out: string) =>
      execFileSync(process.execPath, ["--import", "tsx", "scripts/generate-fixtures.ts", "--seed", hexSeed(5), "--cases", "4", "--hidden", "--out", out], {
        cwd: ROOT,
        encoding: "utf8",
      });
    run(join(work, "a"));
    run(join(work, "b"));
    const expected = buildPrivateFixtures({ seed: hexSeed(5), cases: 4, hidden: true });
    assert.deepEqual(readdirSync(join(work, "a")).sort(), Object.keys(expected).sort());
    for (const [file, text] of Object.entries(expected)) {
      assert.ok(readFileSync(join(work, "a", file), "utf8") === text, file);
      assert.ok(readFileSync(join(work, "b", file), "utf8") === text, file);
    }
  });

  test("npm run fixtures -- --seed <short> --hidden exits 2 and writes nothing; no --seed prints the drawn one", () => {
    const script = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/generate-fixtures.ts", ...args], { cwd: ROOT, encoding: "utf8" });
    const short = script("--seed", "42", "--cases", "2", "--hidden", "--out", join(work, "short"));
    assert.equal(short.status, 2, short.stderr);
    assert.match(short.stderr, /--seed 42 is a 32-bit seed, and a hidden set needs at least 128 bits/);
    assert.ok(!existsSync(join(work, "short")));
    const drawn = script("--cases", "1", "--hidden", "--out", join(work, "drawn"));
    assert.equal(drawn.status, 0, drawn.stderr);
    const seed = /^seed ([0-9a-f]{32}) \(drawn at random/m.exec(drawn.stdout)?.[1];
    assert.ok(seed, drawn.stdout);
    const again = buildPrivateFixtures({ seed, cases: 1, hidden: true });
    for (const [file, text] of Object.entries(again)) assert.ok(readFileSync(join(work, "drawn", file), "utf8") === text, file);
    const visible = script("--seed", "42", "--cases", "1", "--out", join(work, "visible"));
    assert.equal(visible.status, 0, visible.stderr);
    assert.match(visible.stderr, /short enough to be searched: fine to inspect a visible set, never for a hidden one/);
  });
});
