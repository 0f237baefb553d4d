/**
 * End-to-end: the cache folder is a way into the grade (a cached transpiled file runs as the learner's
 * code), so the attacks of issue 6 are replayed against the real CLI: a link planted where the
 * predictable temp-folder cache goes, forged entries, a cache folder others can write to. Each time
 * the grade must stay right, nothing may be written through the link, and the run must not fail.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-cache-e2e-"));
after(() => rmSync(work, { recursive: true, force: true }));
const SUBMISSION = join(ROOT, "test/submissions/pass/loops");
/** What a forged entry would run instead of the learner's file. */
const FORGED = JSON.stringify({ code: "exports.zeroPad = () => 0;" });

interface Report {
  functions: { name: string; score: number; maxScore: number }[];
}

async function gradeZeroPad(env: Record<string, string>, cwd = ROOT): Promise<Report["functions"][number]> {
  const run = await runCli(["check", "zero_pad", "--dir", SUBMISSION, "--reporter", "json"], env, cwd);
  assert.equal(run.code, 0, `${run.stdout.slice(0, 2000)}\n${run.stderr}`);
  const zeroPad = (JSON.parse(run.stdout) as Report).functions.find((f) => f.name === "zeroPad");
  assert.ok(zeroPad);
  assert.equal(zeroPad.score, zeroPad.maxScore);
  return zeroPad;
}

/** Every entry file under a cache folder, with its bucket. */
function entries(dir: string): { bucket: string; key: string; path: string }[] {
  return readdirSync(dir).flatMap((bucket) => readdirSync(join(dir, bucket)).map((key) => ({ bucket, key, path: join(dir, bucket, key) })));
}

/** The entry format a forger who read src/cache.ts would write: a correct header over its own payload. */
function forgedEntry(bucket: string, key: string, payload: string, header: string): string {
  const tag = header.slice(0, header.lastIndexOf(" ") + 1);
  return `${tag}${createHash("sha256").update(`${bucket}\0${key}\0`).update(payload).digest("hex")}\n${payload}`;
}

test("a link planted where the temp-folder cache goes is not followed, and the grade is right", async () => {
  // No node_modules in the working folder and no CONVGRADE_CACHE_DIR: the predictable temp-folder name is used.
  const cwd = join(work, "no-modules");
  const temp = join(work, "tmp");
  const victim = join(work, "victim");
  mkdirSync(cwd);
  mkdirSync(temp);
  mkdirSync(victim);
  writeFileSync(join(victim, "precious"), "keep me");
  symlinkSync(victim, join(temp, `convgrade-cache-${process.getuid?.() ?? "user"}`));
  await gradeZeroPad({ TMPDIR: temp, CONVGRADE_CACHE_DIR: "" }, cwd);
  assert.deepEqual(readdirSync(victim), ["precious"], "nothing was written through the link");
  assert.equal(readFileSync(join(victim, "precious"), "utf8"), "keep me");
});

test("forged entries in a private cache are misses: the learner's real code is graded", async (t) => {
  const dir = join(work, "private");
  await gradeZeroPad({ CONVGRADE_CACHE_DIR: dir });
  const found = entries(dir);
  assert.ok(found.length > 0, "the first run filled the cache");
  const genuine = new Map(found.map((entry) => [entry.path, readFileSync(entry.path, "utf8")]));
  const forgeries: Record<string, (entry: (typeof found)[number], text: string) => string> = {
    "the whole entry replaced, as the issue's planted entry did": (entry) => (entry.bucket === "transpiled" ? FORGED : "valid"),
    "the payload replaced under the genuine header": (entry, text) =>
      `${text.slice(0, text.indexOf("\n"))}\n${entry.bucket === "transpiled" ? FORGED : "valid"}`,
  };
  for (const [what, forge] of Object.entries(forgeries)) {
    for (const entry of found) writeFileSync(entry.path, forge(entry, genuine.get(entry.path)!));
    await t.test(what, async () => void (await gradeZeroPad({ CONVGRADE_CACHE_DIR: dir })));
  }
});

test("a cache folder others can write to is not used, even with well-formed forged entries", async () => {
  const dir = join(work, "shared");
  await gradeZeroPad({ CONVGRADE_CACHE_DIR: dir });
  for (const entry of entries(dir)) {
    const header = readFileSync(entry.path, "utf8").split("\n", 1)[0];
    // (Before entries had a header, a forger wrote the bare payload.)
    const forged = header.startsWith("convgrade-cache-") ? forgedEntry(entry.bucket, entry.key, FORGED, header) : FORGED;
    if (entry.bucket === "transpiled") writeFileSync(entry.path, forged);
  }
  chmodSync(dir, 0o777);
  await gradeZeroPad({ CONVGRADE_CACHE_DIR: dir });
});

test("a cache folder that is a link is not used", async () => {
  const target = join(work, "link-target");
  mkdirSync(target, { mode: 0o700 });
  const link = join(work, "link");
  symlinkSync(target, link);
  await gradeZeroPad({ CONVGRADE_CACHE_DIR: link });
  assert.deepEqual(readdirSync(target), []);
});
