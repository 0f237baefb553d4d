// The disk cache decides which transpiled code runs as the learner's, so it must use only a folder
// private to this user, follow no planted link and reject entries it did not write itself.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DiskCache, hashOf, privateDir } from "../../src/cache.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-cache-test-"));
test.after(() => rmSync(work, { recursive: true, force: true }));
let count = 0;
const fresh = () => join(work, `case-${count++}`);
const KEY = hashOf("export const zeroPad = () => 1;");

test("entries round-trip in a folder created private (0700) on first use", () => {
  const dir = join(fresh(), "nested", "cache");
  const cache = new DiskCache(dir);
  assert.equal(cache.get("transpiled", KEY), undefined);
  cache.set("transpiled", KEY, '{"code":"ü 𝛼"}');
  assert.equal(cache.get("transpiled", KEY), '{"code":"ü 𝛼"}');
  assert.equal(new DiskCache(dir).get("transpiled", KEY), '{"code":"ü 𝛼"}', "a later run reads it");
  for (const folder of [dir, join(dir, "transpiled")]) assert.equal(statSync(folder).mode & 0o777, 0o700, folder);
  const [entry] = readdirSync(join(dir, "transpiled"));
  assert.equal(entry, KEY, "no temporary file is left behind");
  assert.equal(statSync(join(dir, "transpiled", KEY)).mode & 0o777, 0o600);
});

test("a cache root that is a link, not a folder, or writable by others is not used, and the run goes on", () => {
  const target = fresh();
  mkdirSync(target);
  const link = fresh();
  symlinkSync(target, link);
  const file = fresh();
  writeFileSync(file, "not a folder");
  const open = fresh();
  mkdirSync(open);
  chmodSync(open, 0o777);
  const group = fresh();
  mkdirSync(group);
  chmodSync(group, 0o770);
  for (const dir of [link, file, open, group]) {
    assert.equal(privateDir(dir), false, dir);
    const cache = new DiskCache(dir);
    cache.set("transpiled", KEY, "x");
    assert.equal(cache.get("transpiled", KEY), undefined, dir);
  }
  assert.deepEqual(readdirSync(target), [], "nothing was written through the link");
  assert.equal(readFileSync(file, "utf8"), "not a folder");
  assert.deepEqual(readdirSync(open), []);
});

test("a root owned by another user is not used", { skip: process.getuid?.() !== 0 && "needs root to give a folder away" }, () => {
  const dir = fresh();
  mkdirSync(dir, { mode: 0o700 });
  execFileSync("chown", ["65534", dir]);
  assert.equal(privateDir(dir), false);
});

test("a planted link in place of an entry is neither read nor written through", () => {
  const dir = fresh();
  const cache = new DiskCache(dir);
  cache.set("transpiled", hashOf("warm-up"), "x"); // creates the folders
  const victim = join(work, `victim-${count++}`);
  writeFileSync(victim, "precious");
  const entry = join(dir, "transpiled", KEY);
  symlinkSync(victim, entry);
  assert.equal(cache.get("transpiled", KEY), undefined, "the link is not followed on read");
  cache.set("transpiled", KEY, "new value");
  assert.equal(readFileSync(victim, "utf8"), "precious", "the link's target is not overwritten");
  assert.equal(lstatSync(entry).isFile(), true, "the link itself was replaced by a file of ours");
  assert.equal(cache.get("transpiled", KEY), "new value");
});

test("a planted link in place of a bucket folder turns that bucket off", () => {
  const dir = fresh();
  mkdirSync(dir, { mode: 0o700 });
  const elsewhere = fresh();
  mkdirSync(elsewhere, { mode: 0o700 });
  symlinkSync(elsewhere, join(dir, "transpiled"));
  const cache = new DiskCache(dir);
  cache.set("transpiled", KEY, "x");
  assert.deepEqual(readdirSync(elsewhere), []);
  cache.set("fixtures", KEY, "valid");
  assert.equal(cache.get("fixtures", KEY), "valid", "other buckets still work");
});

test("forged, truncated, renamed and old-format entries are misses", () => {
  const dir = fresh();
  const cache = new DiskCache(dir);
  cache.set("transpiled", KEY, '{"code":"correct"}');
  const path = join(dir, "transpiled", KEY);
  const genuine = readFileSync(path);
  // A forged payload under a genuine header.
  writeFileSync(path, Buffer.concat([genuine.subarray(0, genuine.indexOf("\n") + 1), Buffer.from('{"code":"wrong"}')]));
  assert.equal(cache.get("transpiled", KEY), undefined, "forged payload");
  // The format of convgrade before entries had a header: just the payload.
  writeFileSync(path, '{"code":"wrong"}');
  assert.equal(cache.get("transpiled", KEY), undefined, "headerless entry");
  writeFileSync(path, genuine.subarray(0, genuine.length - 3));
  assert.equal(cache.get("transpiled", KEY), undefined, "truncated entry");
  // A genuine entry of another key, copied under this one.
  const other = hashOf("another file");
  cache.set("transpiled", other, '{"code":"wrong"}');
  writeFileSync(path, readFileSync(join(dir, "transpiled", other)));
  assert.equal(cache.get("transpiled", KEY), undefined, "entry of another key");
  writeFileSync(path, genuine);
  assert.equal(cache.get("transpiled", KEY), '{"code":"correct"}');
});

test("an entry writable by others, or that is a FIFO, is a miss (and a FIFO does not hang the read)", () => {
  const dir = fresh();
  const cache = new DiskCache(dir);
  cache.set("transpiled", KEY, "value");
  const path = join(dir, "transpiled", KEY);
  chmodSync(path, 0o666);
  assert.equal(cache.get("transpiled", KEY), undefined);
  rmSync(path);
  execFileSync("mkfifo", [path]);
  assert.equal(cache.get("transpiled", KEY), undefined);
});

test("without a folder the cache is off", () => {
  const cache = new DiskCache(undefined);
  cache.set("transpiled", KEY, "x");
  assert.equal(cache.get("transpiled", KEY), undefined);
  assert.equal(existsSync(join(process.cwd(), "undefined")), false);
});
