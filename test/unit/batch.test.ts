// The batch core without sandboxes: shards, the gradebook CSV and its merge, and gradeClass with a
// stand-in for check (harness faults recorded as such, submissions in parallel, one slow submission
// holding only its own slot).

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { writeClassFiles } from "../../src/batch/class-files.ts";
import { gradeClass } from "../../src/batch/grade-class.ts";
import { reportFileName } from "../../src/batch/outputs.ts";
import { ResultStore } from "../../src/batch/result-store.ts";
import { inShard, parseShard, shardOf } from "../../src/batch/shard.ts";
import { HarnessError } from "../../src/errors.ts";
import { EXERCISES } from "../../src/exercises.ts";
import { csvField, gradebookCsv, mergeGradebooks, neutraliseFormula, parseCsv, readGradebook, restoreFormula } from "../../src/report/gradebook-csv.ts";
import type { ClassResult, Report } from "../../src/result.ts";
import type { CheckOptions } from "../../src/run/check.ts";

const secret = randomBytes(32);
const names = Array.from({ length: 300 }, (_, k) => `student-${k}`);

test("--shard i/n: every submission in exactly one shard, placed by its name alone", () => {
  for (const n of [1, 2, 3, 7]) {
    const counts = new Array(n).fill(0);
    for (const name of names) {
      const owners = Array.from({ length: n }, (_, k) => k + 1).filter((i) => inShard(name, { index: i, count: n }));
      assert.equal(owners.length, 1);
      counts[owners[0] - 1]++;
    }
    // roughly even: no shard has less than half its share
    for (const count of counts) assert.ok(count > names.length / n / 2, `${counts}`);
  }
  // stable: the shard depends on the name only, not on the others
  assert.equal(shardOf("alice", 4), shardOf("alice", 4));
  assert.deepEqual(parseShard("2/5"), { index: 2, count: 5 });
  for (const bad of ["0/3", "4/3", "1/0", "a/b", "1", "-1/2", "1.5/2"])
    assert.throws(
      () => parseShard(bad),
      (e: unknown) => e instanceof HarnessError && e.code === "USAGE",
    );
});

test("CSV: every field quoted, quotes doubled; names a spreadsheet would run are made text", () => {
  assert.equal(csvField("alice"), '"alice"');
  assert.equal(csvField("12"), '"12"', "a number is quoted and left alone");
  assert.equal(csvField(""), '""');
  assert.equal(csvField('a,"b"'), '"a,""b"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  for (const name of ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\0x", "'x"]) assert.equal(neutraliseFormula(name), `'${name}`);
  for (const name of ["a=b", "alice", "0.5", "x'y"]) assert.equal(neutraliseFormula(name), name);
  assert.deepEqual(parseCsv('a,"b,""c"""\r\n"x\ny",\r\n', "t.csv"), [
    ["a", 'b,"c"'],
    ["x\ny", ""],
  ]);
  assert.throws(() => parseCsv('a,"b\r\n', "t.csv"), /not closed/);
});

// Excel in most European locales splits CSV on `;`, and other tools on tab or `|`: a piece of a field
// after any of those is a cell of its own there (found by a red team), so it is neutralised too.
const SPLITTERS = [",", ";", "\t", "|", "\r", "\n"];
const FORMULA = /^[=+\-@\t\r\0]/;

test("CSV: a formula after a ; , tab | or line break inside a name is neutralised too (OWASP)", () => {
  assert.equal(neutraliseFormula("x;=1+2;@SUM(1)"), "x;'=1+2;'@SUM(1)");
  assert.equal(csvField("x;=1+2;@SUM(1)"), `"x;'=1+2;'@SUM(1)"`);
  assert.equal(neutraliseFormula("+cmd|' /C calc'!A0"), "'+cmd|'' /C calc'!A0");
  assert.equal(neutraliseFormula("a\t=1,-2|+3\n@4\r=5"), "a\t'=1,'-2|'+3\n'@4\r'=5");
  // A tab is both: a formula character at a piece's start, and a splitter before the next piece.
  assert.equal(neutraliseFormula("\t=x"), "'\t'=x");
  assert.equal(neutraliseFormula("a;;=x"), "a;;'=x");
});

test("CSV: neutralising is one to one and undone exactly, and no piece of any name starts a formula", () => {
  const alphabet = ["=", "+", "-", "@", "'", '"', "\0", "a", "1", " ", ...SPLITTERS];
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 8;
  };
  const seen = new Map<string, string>();
  for (let n = 0; n < 20000; n++) {
    const name = Array.from({ length: 1 + (next() % 8) }, () => alphabet[next() % alphabet.length]).join("");
    const cell = neutraliseFormula(name);
    assert.equal(restoreFormula(cell), name, JSON.stringify(name));
    const other = seen.get(cell);
    assert.ok(other === undefined || other === name, `${JSON.stringify(name)} and ${JSON.stringify(other)} share a cell`);
    seen.set(cell, name);
    assert.doesNotMatch(cell, FORMULA, JSON.stringify(name));
    for (const piece of cell.split(/[,;\t|\r\n]/)) assert.doesNotMatch(piece, FORMULA, `${JSON.stringify(name)}: piece ${JSON.stringify(piece)}`);
  }
});

function fakeReport(name: string, score: number): Report {
  const functions = EXERCISES.map((e, k) => ({
    name: e.name,
    snakeName: e.snakeName,
    file: `${name}/${e.file}`,
    status: (k === 0 && score < 8 ? "fail" : "pass") as "fail" | "pass",
    score: k === 0 ? score - 7 : 1,
    maxScore: 1,
    cases: [],
    gradientChecks: [],
    durationMs: 1,
  }));
  return { score: functions.reduce((s, f) => s + f.score, 0), maxScore: 8, functions, submission: name, fixtures: "fixtures", timeoutMs: 2500, durationMs: 1 };
}

function classFolder(entries: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "convgrade-unit-class-"));
  for (const name of entries) mkdirSync(join(dir, name));
  return dir;
}

test("gradeClass: a harness fault is that submission's harness-error, never its 0; the batch goes on", async () => {
  const dir = classFolder(["alice", "bob", "carol"]);
  writeFileSync(join(dir, "notes.txt"), "not a submission");
  mkdirSync(join(dir, ".git"));
  symlinkSync(join(dir, "alice"), join(dir, "alias"));
  try {
    const out = mkdtempSync(join(tmpdir(), "convgrade-unit-out-"));
    const result = await gradeClass({
      dir,
      out,
      secret,
      jobs: 2,
      checkOne: async (options: CheckOptions) => {
        if (options.dir.endsWith("bob")) throw new HarnessError("SANDBOX", "the sandbox could not start: exited with code 3");
        if (options.dir.endsWith("carol")) throw new TypeError("a bug of ours");
        return fakeReport(options.dir, 8);
      },
    });
    const store = new ResultStore(out, secret);
    const stored = result.names.map((name) => store.read(name)).map((s) => (typeof s === "string" ? assert.fail(s) : s));
    assert.deepEqual(
      stored.map((s) => [s.name, s.summary.status, s.reusable]),
      [
        ["alice", "pass", true],
        ["bob", "harness-error", false],
        ["carol", "harness-error", false],
      ],
    );
    assert.deepEqual(result.counts, { pass: 1, fail: 0, "harness-error": 2 });
    const bob = stored[1].summary;
    assert.ok(bob.status === "harness-error" && bob.code === "SANDBOX" && /could not start/.test(bob.message));
    assert.ok(stored[2].summary.status === "harness-error" && stored[2].summary.code === "INTERNAL");
    assert.deepEqual(result.skipped.map((s) => s.name).sort(), ["alias", "notes.txt"]);
    writeClassFiles(out, store, result);
    const csv = readFileSync(join(out, "gradebook.csv"), "utf8");
    rmSync(out, { recursive: true, force: true });
    // bob's row has no score at all: an empty cell, not 0
    assert.match(csv, /\r\n"bob","","108","harness-error"(?:,""){8}\r\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("gradeClass: --jobs submissions at once, and a slow one holds only its own slot", async () => {
  const dir = classFolder(["a-slow", ...Array.from({ length: 6 }, (_, k) => `b${k}`)]);
  try {
    let running = 0;
    let most = 0;
    const finished: string[] = [];
    await gradeClass({
      dir,
      out: `${dir}-out`,
      secret,
      jobs: 3,
      checkOne: async (options: CheckOptions) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, options.dir.endsWith("a-slow") ? 400 : 20));
        running--;
        finished.push(options.dir.split("/").pop()!);
        return fakeReport(options.dir, 8);
      },
    });
    assert.equal(most, 3);
    assert.equal(finished.at(-1), "a-slow", "the others went on while the slow one ran");
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-out`, { recursive: true, force: true });
  }
});

test("gradeClass: faults of the batch itself are thrown before any submission runs", async () => {
  const dir = classFolder(["alice"]);
  let ran = false;
  const checkOne = async () => {
    ran = true;
    return fakeReport("x", 8);
  };
  try {
    const out = join(dir, "out");
    await assert.rejects(
      gradeClass({ dir: join(dir, "missing"), out, secret, checkOne }),
      (e: unknown) => e instanceof HarnessError && e.code === "SUBMISSION_MISSING",
    );
    await assert.rejects(
      gradeClass({ dir, out, secret, fixturesDir: join(dir, "alice"), checkOne }),
      (e: unknown) => e instanceof HarnessError && e.code === "FIXTURE_MISSING",
    );
    await assert.rejects(gradeClass({ dir, out, secret, memoryMb: 4, checkOne }), (e: unknown) => e instanceof HarnessError && e.code === "USAGE");
    assert.equal(ran, false);
    assert.ok(!existsSync(out), "nothing written");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function classResult(entries: [string, number][]): ClassResult {
  return {
    dir: "class",
    functions: EXERCISES.map((e) => ({ name: e.name, snakeName: e.snakeName, maxScore: 1 })),
    maxScore: 8,
    submissions: entries.map(([name, score]) => ({ name, status: score === 8 ? "pass" : "fail", report: fakeReport(name, score), durationMs: 1 })),
    skipped: [],
    otherShards: 0,
    jobs: 1,
    durationMs: 1,
  };
}

test("gradebook merge: shards join into the whole class's gradebook; duplicates and other columns are refused", () => {
  const all: [string, number][] = [
    ["alice", 8],
    ["=cmd|'-C calc'!A0", 7],
    ['bob, "the builder"', 8],
    ["line\nbreak", 7],
    ["zed", 8],
  ];
  const whole = gradebookCsv(classResult(all));
  const shards = [1, 2, 3].map((i) => gradebookCsv(classResult(all.filter(([name]) => inShard(name, { index: i, count: 3 })))));
  const books = shards.map((text, k) => readGradebook(text, `shard${k + 1}/gradebook.csv`));
  assert.equal(mergeGradebooks(books), whole);
  const rows = parseCsv(whole, "whole");
  assert.equal(rows[1][0], "'=cmd|''-C calc'!A0", "formula neutralised, and still one field");
  assert.deepEqual(
    rows
      .slice(1)
      .map((r) => r[0])
      .sort(),
    ["'=cmd|''-C calc'!A0", "alice", 'bob, "the builder"', "line\nbreak", "zed"].sort(),
  );
  // Read back, a gradebook gives the names themselves; merged, they are neutralised once, not twice.
  assert.deepEqual(books.flatMap((book) => book.rows.map((r) => r[0])).sort(), all.map(([name]) => name).sort());
  assert.ok(
    whole.split("\r\n").every((line) => line === "" || /^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/.test(line)),
    "every field quoted",
  );

  assert.throws(() => mergeGradebooks([books[0], books[0]]), /is in both shard1\/gradebook.csv and shard1\/gradebook.csv/);
  const other = readGradebook(whole.replace("poolBackward", "pool_backward"), "other/gradebook.csv");
  assert.throws(() => mergeGradebooks([books[0], other]), /other\/gradebook.csv has other columns than shard1\/gradebook.csv/);
  assert.throws(() => readGradebook("name,score\r\n", "x.csv"), /header must start with submission,score,maxScore,status/);
  assert.throws(() => readGradebook(`${whole}extra\r\n`, "x.csv"), /row 7 has 1 fields/);
});

test("report file names: plain names kept, others made plain with a hash of the real name", () => {
  assert.equal(reportFileName("alice"), "alice.json");
  assert.equal(reportFileName("bob.smith-2"), "bob.smith-2.json");
  for (const name of ["../x", ".hidden", "a b", "<img>", "x".repeat(300), "=1+2"]) {
    const file = reportFileName(name);
    assert.match(file, /^[A-Za-z0-9_-][A-Za-z0-9._-]*-[0-9a-f]{12}\.json$/);
    assert.ok(file.length < 120);
  }
  assert.notEqual(reportFileName("a b"), reportFileName("a_b"));
});
