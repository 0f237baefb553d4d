// The batch's outputs against a class that plays tricks (found by the third red team): an output folder
// inside the class, links planted where outputs go, folder names that would share a report file.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { reportFileName } from "../../src/batch/outputs.ts";
import { neutraliseFormula, parseCsv } from "../../src/report/gradebook-csv.ts";
import { byId, parseHtml, textOf } from "../helpers/html.js";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-batch-outputs-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

function classOf(name: string, submissions: string[]): string {
  const dir = join(work, name);
  for (const submission of submissions) cpSync(join(ROOT, "test/submissions/error/stubs"), join(dir, submission), { recursive: true });
  return dir;
}

test("an --out inside the class folder is refused: a student's folder of that name would own it", async () => {
  const dir = classOf("inside", ["alice", "results"]);
  const run = await runCli(["grade", dir, "--out", join(dir, "results")]);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /--out must be outside the class folder/);
  assert.deepEqual(readdirSync(join(dir, "results")).sort(), readdirSync(join(ROOT, "test/submissions/error/stubs")).sort(), "nothing was written into it");
});

test("links planted where outputs go are replaced or refused, never followed", async () => {
  const dir = classOf("links", ["alice"]);
  const victim = join(work, "victim");
  mkdirSync(victim);
  writeFileSync(join(victim, "keep.json"), "{}");
  writeFileSync(join(victim, "authorized_keys"), "ssh-ed25519 AAAA");
  const out = join(work, "links-out");
  mkdirSync(out);
  symlinkSync(join(victim, "authorized_keys"), join(out, "gradebook.csv"));
  const first = await runCli(["grade", dir, "--out", out, "--jobs", "1"]);
  assert.ok(first.code === 0 || first.code === 3, first.stderr);
  assert.equal(readFileSync(join(victim, "authorized_keys"), "utf8"), "ssh-ed25519 AAAA", "the link's target was overwritten");
  assert.match(readFileSync(join(out, "gradebook.csv"), "utf8"), /^"submission","score","maxScore","status"/);
  rmSync(join(out, "reports"), { recursive: true });
  symlinkSync(victim, join(out, "reports"));
  const second = await runCli(["grade", dir, "--out", out, "--jobs", "1"]);
  assert.equal(second.code, 2);
  assert.match(second.stderr, /not a folder \(a link\?\)/);
  assert.ok(existsSync(join(victim, "keep.json")), "a .json of the link's target was deleted");
});

test("no two folder names share a report file or a gradebook cell", () => {
  const hashed = reportFileName("José");
  assert.match(hashed, /^Jos_-[0-9a-f]{12}\.json$/);
  assert.notEqual(reportFileName(hashed.replace(/\.json$/, "")), hashed);
  assert.equal(reportFileName("alice"), "alice.json");
  assert.notEqual(neutraliseFormula("=x"), neutraliseFormula("'=x"));
  assert.equal(neutraliseFormula("=x"), "'=x");
});

// Excel in most European locales splits CSV on `;` (found by a red team): `x;=1+2;@SUM(1)` was written
// unquoted, and its `=1+2` ran. A folder name cannot hold `/`, so the DDE payload's `/C` is `-C` here
// (the writer's unit test has the payload as published).
const SEMICOLON = "x;=1+2;@SUM(1)";
const DDE = "+cmd|' -C calc'!A0";

test("grade: names that hold formulas after ; or | are neutralised piece by piece, every field quoted, and merge keeps them", async () => {
  const dir = classOf("formulas", ["alice", SEMICOLON, DDE]);
  const out = join(work, "formulas-out");
  const run = await runCli(["grade", dir, "--out", out, "--jobs", "2"]);
  assert.equal(run.code, 0, run.stderr);
  const text = readFileSync(join(out, "gradebook.csv"), "utf8");
  assert.ok(text.includes(`"x;'=1+2;'@SUM(1)",`), text);
  assert.ok(text.includes(`"'+cmd|'' -C calc'!A0",`), text);
  for (const line of text.split("\r\n").filter(Boolean)) {
    assert.match(line, /^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/, "every field quoted");
    // As a `;`, `,`, tab or `|` locale would split it, quotes ignored: no cell starts a formula.
    for (const piece of line.split(/[,;\t|]/)) assert.doesNotMatch(piece.replace(/^"/, ""), /^[=+\-@\t\r]/, line);
  }
  const rows = parseCsv(text, "gradebook.csv");
  assert.deepEqual(
    rows.slice(1).map((r) => r[0]),
    [`'${DDE.replace("|'", "|''")}`, "alice", "x;'=1+2;'@SUM(1)"],
  );
  assert.deepEqual(rows[1].slice(1, 4), ["0", "108", "fail"], "scores are plain numbers");

  const merged = await runCli(["gradebook", "merge", out, "--out", join(work, "formulas-merged")]);
  assert.equal(merged.code, 0, merged.stderr);
  assert.equal(readFileSync(join(work, "formulas-merged", "gradebook.csv"), "utf8"), text, "neutralised once, not twice");
  const parsed = parseHtml(readFileSync(join(out, "report.html"), "utf8"));
  assert.deepEqual(parsed.errors, []);
  const table = textOf(byId(parsed, "submissions")!);
  for (const name of [SEMICOLON, DDE]) assert.ok(table.includes(name), `${name} shown as it is`);
});
