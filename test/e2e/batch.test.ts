// `convgrade grade` over a class folder built from the sample submissions (correct, buggy, broken, one
// that hangs, a memory bomb, hostile names), then its shards and their merge: the gradebook, the exit
// code, one JSON report per submission equal to `check --reporter json`'s, and the class report parsed.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { reportFileName } from "../../src/batch/outputs.ts";
import { parseCsv } from "../../src/report/gradebook-csv.ts";
import { buildClass } from "../helpers/class-folder.js";
import { attr, byId, parseHtml, textOf, within } from "../helpers/html.js";
import { type CliRun, runCli } from "../helpers/samples.js";

const HTML_NAME = "<img src=x onerror=alert(1)>";
const FORMULA_NAME = '=HYPERLINK("http:evil","click")';
const CLASS = [
  { name: "alice", sample: "pass/loops" },
  { name: "bob", sample: "pass/functional" },
  { name: FORMULA_NAME, sample: "fail/conv-forward-ceil" },
  { name: HTML_NAME, sample: "fail/distribute-value-rounds-share" },
  { name: "carol\nnewline", sample: "fail/zero-pad-one-side" },
  { name: "syntax", sample: "error/syntax-error" },
  { name: "stubs", sample: "error/stubs" },
  { name: "hangs", sample: "hostile/infinite-loop" },
  { name: "memory-bomb", sample: "hostile/memory-bomb" },
  { name: "prints-escapes", sample: "hostile/inject-terminal" },
];
// Long enough that a loaded machine reports the memory bomb as memory, not time; the hang costs 2 × 3 s.
const LIMITS = ["--timeout", "3000", "--memory", "64"];

let work: string;
let classDir: string;
let whole: CliRun;
const out = (name: string) => join(work, name);
const gradebook = (folder: string) => parseCsv(readFileSync(join(folder, "gradebook.csv"), "utf8"), folder);
const rowsByName = (folder: string) =>
  new Map(
    gradebook(folder)
      .slice(1)
      .map((row) => [row[0], row]),
  );
const report = (folder: string, name: string) => JSON.parse(readFileSync(join(folder, "reports", reportFileName(name)), "utf8"));

before(async () => {
  work = mkdtempSync(join(tmpdir(), "convgrade-batch-"));
  classDir = buildClass(CLASS);
  whole = await runCli(["grade", classDir, "--out", out("whole"), "--jobs", "2", ...LIMITS]);
});
after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(classDir, { recursive: true, force: true });
});

test("grade: exit 0 once every submission is graded, whatever the learners scored", () => {
  assert.equal(whole.code, 0, whole.stderr);
  assert.match(whole.stdout, /^graded 10 submissions in [\d.]+ s \([\d.]+\/s, 2 at a time\): 2 full marks, 8 short of them, 0 not graded \(harness faults\)$/m);
  // one log line per submission (no bar in a pipe), names escaped as every reporter escapes them
  assert.equal(whole.stderr.split("\n").filter((line) => /^\[\d+\/10\] /.test(line)).length, 10);
  assert.match(whole.stderr, /\] carol\\x0anewline \d+\/108 fail/);
});

test("gradebook.csv: one row per submission, scores per function in course order, names that cannot become formulas", () => {
  const [header, ...rows] = gradebook(out("whole"));
  assert.deepEqual(header, [
    "submission",
    "score",
    "maxScore",
    "status",
    "zeroPad",
    "convSingleStep",
    "convForward",
    "poolForward",
    "convBackward",
    "createMaskFromWindow",
    "distributeValue",
    "poolBackward",
  ]);
  assert.equal(rows.length, CLASS.length);
  const byName = rowsByName(out("whole"));
  assert.ok(byName.has(`'${FORMULA_NAME}`), "a leading apostrophe keeps it text");
  assert.ok(!rows.some((row) => /^[=+\-@]/.test(row[0])));
  assert.deepEqual(byName.get("alice")!.slice(1, 4), ["108", "108", "pass"]);
  assert.equal(byName.get("bob")![3], "pass");
  for (const { name } of CLASS) {
    const row = byName.get(name.startsWith("=") ? `'${name}` : name)!;
    const json = report(out("whole"), name);
    assert.equal(row[1], String(json.score), name);
    assert.deepEqual(
      row.slice(4),
      json.functions.map((f: { score: number }) => String(f.score)),
      name,
    );
  }
  // The hang and the memory bomb cost their own function only.
  for (const name of ["hangs", "memory-bomb"]) {
    const json = report(out("whole"), name);
    for (const f of json.functions) assert.equal(f.status, f.name === "convBackward" ? "fail" : "pass", `${name} ${f.name}`);
  }
  assert.ok(
    report(out("whole"), "memory-bomb")
      .functions.find((f: { name: string }) => f.name === "convBackward")
      .cases.some((c: { message?: string }) => /ran out of memory/.test(c.message ?? "")),
  );
  assert.ok(
    report(out("whole"), "hangs")
      .functions.find((f: { name: string }) => f.name === "convBackward")
      .cases.some((c: { status: string }) => c.status === "timeout"),
  );
});

/** A report without what varies between runs. */
const stable = (text: string) => JSON.parse(text, (key, value) => (key === "durationMs" ? 0 : value));

test("reports/: one JSON document per submission, the same as check --reporter json", async () => {
  assert.equal(readdirSync(join(out("whole"), "reports")).length, CLASS.length);
  for (const name of ["alice", HTML_NAME]) {
    const checked = await runCli(["check", "--dir", join(classDir, name), "--reporter", "json", ...LIMITS]);
    assert.equal(checked.code, name === "alice" ? 0 : 1, checked.stderr);
    assert.deepEqual(stable(readFileSync(join(out("whole"), "reports", reportFileName(name)), "utf8")), stable(checked.stdout));
  }
});

test("report.html: parses without error, no script, no resource, names as text, the three charts", () => {
  const html = readFileSync(join(out("whole"), "report.html"), "utf8");
  const parsed = parseHtml(html);
  assert.deepEqual(parsed.errors, []);
  const tags = new Set(parsed.elements.map((e) => e.tagName));
  for (const forbidden of ["script", "img", "iframe", "object", "embed", "link"]) assert.ok(!tags.has(forbidden), forbidden);
  for (const element of parsed.elements) {
    for (const a of element.attrs) assert.ok(!/^on/i.test(a.name) && !["src", "href"].includes(a.name), `${element.tagName} ${a.name}`);
  }
  assert.ok(
    parsed.elements.some(
      (e) => e.tagName === "meta" && attr(e, "http-equiv") === "Content-Security-Policy" && /default-src 'none'/.test(attr(e, "content") ?? ""),
    ),
  );
  const table = textOf(byId(parsed, "submissions")!);
  assert.ok(table.includes(HTML_NAME), "the hostile name is shown as text");
  assert.ok(table.includes("carol\\x0anewline"));

  const histogram = byId(parsed, "histogram")!;
  const bins = within(histogram, "g");
  assert.equal(bins.length, 11);
  const counts = bins.map((bin) => Number(/: (\d+)$/.exec(textOf(within(bin, "title")[0]))![1]));
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    CLASS.length,
  );
  assert.equal(counts[10], 2, "full marks: alice and bob");

  const rates = within(byId(parsed, "pass-rate")!, "g");
  assert.deepEqual(
    rates.map((g) => attr(g, "data-function")),
    ["zeroPad", "convSingleStep", "convForward", "poolForward", "convBackward", "createMaskFromWindow", "distributeValue", "poolBackward"],
  );
  // zeroPad: 8 of 10 pass (carol's pads one side, the stubs are not implemented)
  assert.equal(textOf(within(rates[0], "text").find((t) => attr(t, "class") === "rate")!), "80%");

  const shared = within(byId(parsed, "shared-failures")!, "tr").slice(1);
  assert.ok(shared.length > 0);
  assert.ok(
    shared.some((row) => /convBackward/.test(textOf(row))),
    "the hang's and the memory bomb's convBackward cases",
  );
});

test("--shard i/n: the shards cover every submission exactly once, and merge into the whole gradebook", async () => {
  // As a CI matrix would: two runners at once, one submission at a time each.
  const shards = await Promise.all([1, 2].map((i) => runCli(["grade", classDir, "--out", out(`shard${i}`), "--shard", `${i}/2`, "--jobs", "1", ...LIMITS])));
  for (const run of shards) assert.equal(run.code, 0, run.stderr);
  const [one, two] = [1, 2].map((i) => [...rowsByName(out(`shard${i}`)).keys()]);
  assert.ok(one.length > 0 && two.length > 0);
  assert.deepEqual([...one, ...two].sort(), [...rowsByName(out("whole")).keys()].sort());
  assert.equal(new Set([...one, ...two]).size, CLASS.length);

  const merged = await runCli(["gradebook", "merge", out("shard1"), out("shard2"), "--out", out("merged")]);
  assert.equal(merged.code, 0, merged.stderr);
  assert.match(merged.stdout, /^merged 2 gradebooks, 10 submissions/);
  assert.equal(readFileSync(join(out("merged"), "gradebook.csv"), "utf8"), readFileSync(join(out("whole"), "gradebook.csv"), "utf8"));
  assert.equal(readdirSync(join(out("merged"), "reports")).length, CLASS.length);
  const parsed = parseHtml(readFileSync(join(out("merged"), "report.html"), "utf8"));
  assert.deepEqual(parsed.errors, []);
  assert.equal(within(byId(parsed, "submissions")!, "tr").length, CLASS.length + 1);

  const twice = await runCli(["gradebook", "merge", out("shard1"), out("shard1"), "--out", out("bad")]);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /^convgrade: submission ".*" is in both .*shard1\/gradebook.csv and .*shard1\/gradebook.csv: are two shards the same\?/);
});

test("faults of the batch itself exit 2 with one line, and write nothing", async () => {
  const cases: [string[], RegExp][] = [
    [["grade", join(work, "no-such-class"), "--out", out("x")], /^convgrade: class folder not found/],
    [["grade", classDir, "--out", out("x"), "--shard", "3/2"], /^convgrade: --shard must be i\/n/],
    [["grade", classDir, "--out", out("x"), "--fixtures", classDir], /^convgrade: (no fixture files|invalid fixture)/],
    [["grade", classDir, "--out", out("x"), "--memory", "4"], /^convgrade: --memory must be at least 32/],
    [["gradebook", "merge", work, "--out", out("x")], /^convgrade: no gradebook.csv in/],
  ];
  for (const [args, message] of cases) {
    const run = await runCli(args);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
  assert.ok(!existsSync(out("x")));
});
