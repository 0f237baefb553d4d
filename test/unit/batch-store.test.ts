// The stored results a batch resumes from: what makes one reusable, what makes it refused, the secret
// that authenticates them, the content hash of a submission, and files written whole or not at all.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { DurableFile, removeLeftovers, writeDurable } from "../../src/batch/durable-file.ts";
import { batchSecret, KEY_FILE, submissionHash } from "../../src/batch/grading-key.ts";
import { ResultStore, sha256 } from "../../src/batch/result-store.ts";
import type { SubmissionSummary } from "../../src/report/submission-summary.ts";
import { SAMPLES_DIR } from "../helpers/samples.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-store-"));
after(() => rmSync(work, { recursive: true, force: true }));

const summary = (name: string, score: number): SubmissionSummary => ({
  name,
  status: "fail",
  score,
  maxScore: 108,
  functions: [{ name: "zeroPad", status: "fail", score, maxScore: 10 } as never],
  failures: [],
  mistakes: [],
});

test("a stored result is reused only for its own name, batch key, content and report; anything else says why not", () => {
  const out = join(work, "out");
  const secret = randomBytes(32);
  const store = new ResultStore(out, secret);
  const report = join(work, "alice-report.json");
  writeFileSync(report, "{}");
  store.write({ name: "alice", batch: "B", submission: "S", report: sha256("{}"), reusable: true, summary: summary("alice", 7) });
  const reused = store.reusable("alice", "B", "S", report);
  assert.ok(typeof reused !== "string" && reused.summary.status === "fail" && reused.summary.score === 7);
  assert.equal(store.reusable("alice", "other", "S", report), "other batch");
  assert.equal(store.reusable("alice", "B", "changed", report), "submission changed");
  writeFileSync(report, "{ }");
  assert.equal(store.reusable("alice", "B", "S", report), "report changed");
  assert.equal(store.reusable("bob", "B", "S", report), "missing");
  // alice's file put where bob's goes: authentic, but it names alice
  cpSync(join(store.dir, "alice.json"), join(store.dir, "bob.json"));
  assert.equal(store.read("bob"), "other submission");
  // the same file read under another key, or edited
  assert.equal(new ResultStore(out, randomBytes(32)).read("alice"), "not authentic");
  const text = readFileSync(join(store.dir, "alice.json"), "utf8");
  writeFileSync(join(store.dir, "alice.json"), text.replace('"score":7', '"score":108'));
  assert.equal(store.read("alice"), "not authentic");
  writeFileSync(join(store.dir, "alice.json"), text.slice(0, 90));
  assert.equal(store.read("alice"), "not authentic");
  // a link, even to an authentic result, is not followed
  writeFileSync(join(work, "real.json"), text);
  rmSync(join(store.dir, "alice.json"));
  symlinkSync(join(work, "real.json"), join(store.dir, "alice.json"));
  assert.equal(store.read("alice"), "missing");
  // a harness fault is stored (the gradebook needs it) but never reused
  store.write({ name: "carol", batch: "B", submission: "S", report: sha256("{}"), reusable: false, summary: summary("carol", 0) });
  assert.equal(store.reusable("carol", "B", "S", report), "not reusable");
});

test("an output folder whose store is a link is refused", () => {
  const out = join(work, "linked");
  mkdirSync(out);
  symlinkSync(work, join(out, ".convgrade"));
  assert.throws(() => new ResultStore(out, randomBytes(32)), /not a folder \(a link\?\)/);
});

test("the secret: CONVGRADE_BATCH_KEY, else a private key file made once; a key file others could read is not used", () => {
  assert.throws(() => batchSecret(work, { CONVGRADE_BATCH_KEY: "short" }), /at least 32/);
  assert.deepEqual(batchSecret(work, { CONVGRADE_BATCH_KEY: "k".repeat(32) }), { secret: Buffer.from("k".repeat(32)), persistent: true });
  const folder = join(work, "cache");
  const first = batchSecret(folder, {});
  assert.equal(first.persistent, true);
  assert.deepEqual(batchSecret(folder, {}).secret, first.secret, "the same key next time");
  chmodSync(join(folder, KEY_FILE), 0o644);
  const exposed = batchSecret(folder, {});
  assert.equal(exposed.persistent, false, "a key others can read is not a secret: resume off");
  assert.notDeepEqual(exposed.secret, first.secret);
});

test("the content hash: the files the grader reads; others change nothing", () => {
  const dir = join(work, "submission");
  cpSync(join(SAMPLES_DIR, "pass/loops"), dir, { recursive: true });
  const before = submissionHash(dir);
  writeFileSync(join(dir, "README.md"), "notes");
  writeFileSync(join(dir, "unused.ts"), "export const x = 1;");
  assert.equal(submissionHash(dir), before, "not imported by any exercise file");
  writeFileSync(join(dir, "tensor-utils.ts"), `${readFileSync(join(dir, "tensor-utils.ts"), "utf8")}\n// edited`);
  assert.notEqual(submissionHash(dir), before, "a helper the exercises import");
});

test("durable files: whole or not at all, and a killed batch's temporary files removed", () => {
  const dir = join(work, "durable");
  mkdirSync(dir);
  writeDurable(join(dir, "a.csv"), "old");
  const file = new DurableFile(join(dir, "a.csv"));
  file.write("new, half");
  assert.equal(readFileSync(join(dir, "a.csv"), "utf8"), "old", "not in place until committed");
  file.abort();
  assert.deepEqual(readdirSync(dir), ["a.csv"]);
  const left = new DurableFile(join(dir, "a.csv"));
  left.write("as if killed here");
  assert.equal(readdirSync(dir).length, 2);
  removeLeftovers(dir);
  assert.deepEqual(readdirSync(dir), ["a.csv"]);
  assert.ok(existsSync(join(dir, "a.csv")));
});
