// `convgrade grade` killed and resumed: SIGKILL at random moments, several times, never leaves a torn
// file and never loses a graded submission; running again reuses exactly the stored results that are
// still valid (same files, fixtures, limits) and refuses torn, foreign or forged ones.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { reportFileName } from "../../src/batch/outputs.ts";
import { parseCsv, readGradebook } from "../../src/report/gradebook-csv.ts";
import { buildClass } from "../helpers/class-folder.js";
import { attr, byId, parseHtml, within } from "../helpers/html.js";
import { CLI, ROOT, runCli, TEST_CACHE_DIR } from "../helpers/samples.js";

const CLASS = [
  { name: "alice", sample: "pass/loops" },
  { name: "bob", sample: "pass/functional" },
  { name: "carol", sample: "fail/conv-forward-ceil" },
  { name: "dan", sample: "fail/zero-pad-one-side" },
  { name: "erin", sample: "fail/distribute-value-rounds-share" },
  { name: "stubs", sample: "error/stubs" },
];
const LIMITS = ["--timeout", "3000", "--memory", "64"];

let work: string;
let classDir: string;
let fixtures: string;
/** the uninterrupted run's gradebook and class report */
let gradebook: string;
let classReport: string;
let wholeMs: number;
const out = (name: string) => join(work, name);
const grade = (folder: string, ...extra: string[]) => runCli(["grade", classDir, "--out", out(folder), "--jobs", "2", ...LIMITS, ...extra]);
/** "resume: 4 stored results reused, 2 graded" → [4, 2] */
function resumed(stdout: string): [number, number] {
  const match = /^resume: (\d+) stored results reused, (\d+) graded/m.exec(stdout);
  assert.ok(match, stdout);
  return [Number(match[1]), Number(match[2])];
}
/** The submissions a run graded rather than reused, from its progress lines. */
const gradedNames = (stderr: string) =>
  stderr
    .split("\n")
    .filter((line) => /^\[\d+\/\d+\] /.test(line) && !line.endsWith("(stored result reused)"))
    .map((line) => line.split(" ")[1])
    .sort();
const storedPath = (folder: string, name: string) => join(out(folder), ".convgrade", "results", reportFileName(name));

before(async () => {
  work = mkdtempSync(join(tmpdir(), "convgrade-resume-"));
  classDir = buildClass(CLASS);
  fixtures = join(work, "fixtures");
  cpSync(join(ROOT, "fixtures"), fixtures, { recursive: true });
  const started = performance.now();
  const whole = await grade("whole", "--fixtures", fixtures);
  wholeMs = performance.now() - started;
  assert.equal(whole.code, 0, whole.stderr);
  assert.deepEqual(resumed(whole.stdout), [0, CLASS.length]);
  gradebook = readFileSync(join(out("whole"), "gradebook.csv"), "utf8");
  classReport = readFileSync(join(out("whole"), "report.html"), "utf8");
});
after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(classDir, { recursive: true, force: true });
});

test("run again: every stored result reused, nothing graded, the same gradebook and class report byte for byte", async () => {
  const again = await grade("whole", "--fixtures", fixtures);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(resumed(again.stdout), [CLASS.length, 0]);
  assert.deepEqual(gradedNames(again.stderr), []);
  assert.equal(readFileSync(join(out("whole"), "gradebook.csv"), "utf8"), gradebook);
  assert.equal(readFileSync(join(out("whole"), "report.html"), "utf8"), classReport);
  // --regrade: everyone again, and still the same files
  const full = await grade("whole", "--fixtures", fixtures, "--regrade");
  assert.equal(full.code, 0, full.stderr);
  assert.match(full.stdout, /^resume: off \(--regrade\)/m);
  assert.deepEqual(gradedNames(full.stderr), CLASS.map((c) => c.name).sort());
  assert.equal(readFileSync(join(out("whole"), "gradebook.csv"), "utf8"), gradebook);
});

/** Every file of an output folder is whole: the old one, absent, or a complete new one. */
function assertNothingTorn(folder: string, context: string): void {
  const book = join(folder, "gradebook.csv");
  if (existsSync(book)) assert.equal(readFileSync(book, "utf8"), gradebook, `${context}: gradebook.csv is the complete one`);
  const html = join(folder, "report.html");
  if (existsSync(html)) assert.equal(readFileSync(html, "utf8"), classReport, `${context}: report.html is the complete one`);
  const reports = join(folder, "reports");
  for (const file of existsSync(reports) ? readdirSync(reports).filter((f) => !f.startsWith(".")) : []) {
    const doc = JSON.parse(readFileSync(join(reports, file), "utf8"));
    assert.equal(typeof doc.score, "number", `${context}: reports/${file}`);
  }
  const stored = join(folder, ".convgrade", "results");
  for (const file of existsSync(stored) ? readdirSync(stored).filter((f) => !f.startsWith(".")) : []) {
    const [mac, body, rest] = readFileSync(join(stored, file), "utf8").split("\n");
    assert.match(mac, /^[0-9a-f]{64}$/, `${context}: stored ${file}`);
    assert.equal(JSON.parse(body).name, file.replace(/\.json$/, ""), `${context}: stored ${file}`);
    assert.equal(rest, "");
  }
}

/** Starts a grade and SIGKILLs it when until() says so (or when it ends by itself). */
function killedRun(
  folder: string,
  until: (stderr: string, elapsedMs: number) => boolean,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", CONVGRADE_CACHE_DIR: TEST_CACHE_DIR };
    const child = spawn(process.execPath, [CLI, "grade", classDir, "--out", out(folder), "--jobs", "1", "--fixtures", fixtures, ...LIMITS], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    const started = performance.now();
    let stderr = "";
    const poll = setInterval(() => {
      if (until(stderr, performance.now() - started)) child.kill("SIGKILL");
    }, 5);
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
      if (until(stderr, performance.now() - started)) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stderr });
    });
  });
}

test("SIGKILL at random moments, several times: never a torn file; resuming ends with the uninterrupted run's gradebook and class report", async () => {
  const folder = "killed";
  const moments: string[] = [];
  // Once after two submissions are graded (so some work is surely stored), then at random moments over
  // the length of a whole run: whatever the moment, the assertions are the same.
  const plans: ((stderr: string, ms: number) => boolean)[] = [
    (stderr) => /^\[2\/6\] /m.test(stderr),
    ...Array.from({ length: 4 }, () => {
      const at = Math.random() * wholeMs * 1.2;
      return (_: string, ms: number) => ms >= at;
    }),
  ];
  let lastStored = 0;
  for (const [k, plan] of plans.entries()) {
    const run = await killedRun(folder, plan);
    moments.push(`${k}: ${run.signal ?? `exit ${run.code}`}`);
    assertNothingTorn(out(folder), `after kill ${k} (${moments.join(", ")})`);
    const stored = existsSync(join(out(folder), ".convgrade", "results"))
      ? readdirSync(join(out(folder), ".convgrade", "results")).filter((f) => !f.startsWith(".")).length
      : 0;
    assert.ok(stored >= lastStored, "no graded submission is ever lost");
    lastStored = stored;
    if (k === 0) assert.ok(stored >= 2, "the two submissions graded before the kill are stored");
  }
  const final = await grade(folder, "--fixtures", fixtures);
  assert.equal(final.code, 0, final.stderr);
  const [reused, graded] = resumed(final.stdout);
  assert.equal(reused + graded, CLASS.length);
  assert.ok(reused >= 2, `${moments.join(", ")}: ${final.stdout}`);
  assert.equal(readFileSync(join(out(folder), "gradebook.csv"), "utf8"), gradebook);
  assert.equal(readFileSync(join(out(folder), "report.html"), "utf8"), classReport);
  // the temporary files a kill left are gone
  for (const sub of ["", "reports", ".convgrade/results"]) {
    assert.deepEqual(
      readdirSync(join(out(folder), sub)).filter((f) => f.endsWith(".tmp")),
      [],
      sub,
    );
  }
});

test("fixtures changed: everyone graded again; limits changed: everyone again", async () => {
  const folder = "fixtures-changed";
  const own = join(work, "fixtures-copy");
  cpSync(fixtures, own, { recursive: true });
  const first = await runCli(["grade", classDir, "--out", out(folder), "--jobs", "2", ...LIMITS, "--fixtures", own]);
  assert.equal(first.code, 0, first.stderr);
  // The same cases, other bytes: a fixture file is what the grade depends on.
  const file = readdirSync(own).find((f) => f.endsWith(".json"))!;
  appendFileSync(join(own, file), "\n");
  const second = await runCli(["grade", classDir, "--out", out(folder), "--jobs", "2", ...LIMITS, "--fixtures", own]);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(resumed(second.stdout), [0, CLASS.length]);
  assert.equal(readFileSync(join(out(folder), "gradebook.csv"), "utf8"), gradebook);
  const third = await runCli(["grade", classDir, "--out", out(folder), "--jobs", "2", "--timeout", "2900", "--memory", "64", "--fixtures", own]);
  assert.equal(third.code, 0, third.stderr);
  assert.deepEqual(resumed(third.stdout), [0, CLASS.length]);
});

test("one submission changed: only it is graded again; a file the grader does not read changes nothing", async () => {
  const folder = "one-changed";
  cpSync(out("whole"), out(folder), { recursive: true });
  writeFileSync(join(classDir, "bob", "NOTES.md"), "not read by the grader");
  const untouched = await grade(folder, "--fixtures", fixtures);
  assert.deepEqual(resumed(untouched.stdout), [CLASS.length, 0]);
  const file = readdirSync(join(classDir, "carol")).find((f) => f.endsWith(".ts"))!;
  const original = readFileSync(join(classDir, "carol", file), "utf8");
  appendFileSync(join(classDir, "carol", file), "\n// edited\n");
  try {
    const run = await grade(folder, "--fixtures", fixtures);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(resumed(run.stdout), [CLASS.length - 1, 1]);
    assert.deepEqual(gradedNames(run.stderr), ["carol"]);
  } finally {
    writeFileSync(join(classDir, "carol", file), original);
    rmSync(join(classDir, "bob", "NOTES.md"));
  }
});

test("torn, foreign, forged or linked stored results and reports are refused and replaced, never trusted", async () => {
  const folder = "tampered";
  cpSync(out("whole"), out(folder), { recursive: true });
  const results = join(out(folder), ".convgrade", "results");
  // torn: half of alice's stored result
  const alice = readFileSync(storedPath(folder, "alice"), "utf8");
  writeFileSync(storedPath(folder, "alice"), alice.slice(0, alice.length >> 1));
  // foreign: alice's (authentic) stored result put in place of bob's
  writeFileSync(storedPath(folder, "bob"), alice);
  // forged: carol's summary edited to full marks, the old MAC kept
  const [mac, body] = readFileSync(storedPath(folder, "carol"), "utf8").split("\n");
  const forged = JSON.parse(body);
  Object.assign(forged.summary, { status: "pass", score: 108 });
  writeFileSync(storedPath(folder, "carol"), `${mac}\n${JSON.stringify(forged)}\n`);
  // another output folder's, under another key: dan's stored result from a batch run with CONVGRADE_BATCH_KEY
  const other = await runCli(["grade", classDir, "--out", out("other-key"), "--jobs", "2", ...LIMITS, "--fixtures", fixtures], 120_000, {
    CONVGRADE_BATCH_KEY: "k".repeat(40),
  });
  assert.equal(other.code, 0, other.stderr);
  copyFileSync(storedPath("other-key", "dan"), storedPath(folder, "dan"));
  // a link where erin's stored result goes, to an authentic one: not followed
  const erin = readFileSync(storedPath("whole", "erin"), "utf8");
  rmSync(storedPath(folder, "erin"));
  symlinkSync(storedPath("whole", "erin"), storedPath(folder, "erin"));
  // the report a stored result vouches for, edited: stubs's
  const stubsReport = join(out(folder), "reports", reportFileName("stubs"));
  writeFileSync(stubsReport, readFileSync(stubsReport, "utf8").replace(/"score": 0/, '"score": 108'));
  // a torn gradebook
  writeFileSync(join(out(folder), "gradebook.csv"), gradebook.slice(0, 100));

  const run = await grade(folder, "--fixtures", fixtures);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(resumed(run.stdout), [0, CLASS.length]);
  assert.deepEqual(gradedNames(run.stderr), ["alice", "bob", "carol", "dan", "erin", "stubs"]);
  assert.equal(readFileSync(join(out(folder), "gradebook.csv"), "utf8"), gradebook);
  assert.equal(readFileSync(join(out(folder), "report.html"), "utf8"), classReport);
  assert.deepEqual(readGradebook(readFileSync(join(out(folder), "gradebook.csv"), "utf8"), "g").rows.find((r) => r[0] === "carol")?.[3], "fail");
  // every stored result replaced by a regular file, the link's target untouched
  for (const file of readdirSync(results)) assert.ok(lstatSync(join(results, file)).isFile(), file);
  assert.equal(readFileSync(storedPath("whole", "erin"), "utf8"), erin, "the link's target is untouched");
});

test("--similarity: the copies of one solution flagged, the independent one and the untouched stubs not; without it, no similarity.csv", async () => {
  const folder = "similarity";
  cpSync(out("whole"), out(folder), { recursive: true });
  const run = await grade(folder, "--fixtures", fixtures, "--similarity");
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(resumed(run.stdout), [CLASS.length, 0], "comparing grades nothing again");
  assert.match(run.stdout, /^similarity: 6 submissions compared in [\d.]+ s, 6 pairs flagged \(60% alike or more\): see similarity\.csv$/m);
  const [header, ...rows] = parseCsv(readFileSync(join(out(folder), "similarity.csv"), "utf8"), "similarity.csv");
  assert.equal(header[0], "left");
  const flagged = rows.filter((row) => row[3] === "yes").map((row) => `${row[0]}+${row[1]}`);
  // alice's is pass/loops; carol's, dan's and erin's are pass/loops with one function changed.
  assert.deepEqual(flagged.sort(), ["alice+carol", "alice+dan", "alice+erin", "carol+dan", "carol+erin", "dan+erin"]);
  assert.ok(!rows.some((row) => row.includes("bob") && row[3] === "yes"), "bob's independent solution");
  assert.ok(!rows.some((row) => row.includes("stubs")), "the stubs are template code");
  const html = readFileSync(join(out(folder), "report.html"), "utf8");
  const parsed = parseHtml(html);
  assert.deepEqual(parsed.errors, []);
  assert.ok(byId(parsed, "similar-pairs"));
  assert.ok(within(parsed.elements.find((e) => e.tagName === "body")!, "table").some((t) => attr(t, "class") === "fragments"));
  assert.equal(readFileSync(join(out(folder), "gradebook.csv"), "utf8"), gradebook);

  const without = await grade(folder, "--fixtures", fixtures);
  assert.equal(without.code, 0, without.stderr);
  assert.ok(!existsSync(join(out(folder), "similarity.csv")), "an earlier similarity.csv would not match this run");
  assert.equal(readFileSync(join(out(folder), "report.html"), "utf8"), classReport);
});
