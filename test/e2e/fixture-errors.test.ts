// Invalid fixtures are harness errors: exit 2, one message naming the file and the JSON path, no stack.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "./_run-cli.js";

const CASES: Record<string, RegExp[]> = {
  "invalid-json": [/invalid-json\/zero-pad\.json: not valid JSON \(line 1, column \d+\)/],
  "empty-file": [/empty-file\/zero-pad\.json: the file is empty/],
  "wrong-type-points": [/zero-pad\.json at \$\.cases\[0\]\.points: .*expected number, received string/],
  "missing-cases": [/distribute-value\.json at \$\.cases: .*expected array/],
  "missing-expected": [/distribute-value\.json at \$\.cases\[0\]\.expected/],
  "negative-points": [/at \$\.cases\[0\]\.points: .*>=0/],
  "bad-tolerance": [/at \$\.cases\[0\]\.tolerance\.rtol: .*>=0/],
  "unknown-function": [/at \$\.function: unknown function "distributeValues"; expected "distributeValue"/],
  "unknown-file": [/distribute-values\.json: no exercise is named by this file; expected one of zero-pad\.json/],
  "tensor-of-strings": [/at \$\.cases\[0\]\.args\[0\]\[0\]\[0\]\[0\]\[0\]: .*expected number, received string/],
  "bad-mode": [/pool-forward\.json at \$\.cases\[0\]\.args\[2\]: .*"max"\|"average"/],
  "ragged-tensor": [/at \$\.cases\[0\]\.args\[0\]\[0\]\[1\]: ragged array: length 1 on axis 2, expected 2/],
  "duplicate-names": [/at \$\.cases\[1\]\.name: duplicate case name "dz 2"/],
  "bad-hparameters": [/conv-forward\.json at \$\.cases\[0\]\.args\[3\]\.stride: .*>=1/],
  // An unknown key is a typo, never a key ignored while the one meant takes its default (a hidden case shown).
  "misspelled-visibility": [/misspelled-visibility\/zero-pad\.json at \$\.cases\[0\]\.visiblity: unknown key "visiblity"; did you mean visibility\?$/m],
  "misspelled-tolerance": [/distribute-value\.json at \$\.cases\[0\]\.tolerence: unknown key "tolerence"; did you mean tolerance\?$/m],
  "misspelled-threshold": [/pool-backward\.json at \$\.gradientChecks\[0\]\.treshold: unknown key "treshold"; did you mean threshold\?$/m],
};

const cacheDir = mkdtempSync(join(tmpdir(), "convgrade-test-cache-"));
test.after(() => rmSync(cacheDir, { recursive: true, force: true }));

for (const [kind, patterns] of Object.entries(CASES)) {
  test(`invalid fixture: ${kind} → exit 2 with file and JSON path, no stack trace`, async () => {
    // A fresh cache each time: validation must happen, not be skipped by an earlier run.
    const run = await runCli(["check", "--dir", "test/submissions/pass/loops", "--fixtures", `test/fixtures-invalid/${kind}`], {
      CONVGRADE_CACHE_DIR: join(cacheDir, kind),
    });
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stdout, "");
    for (const pattern of patterns) assert.match(run.stderr, pattern);
    assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace without DEBUG");
    assert.equal(run.stderr.trim().split("\n").length, 1, "a single line");
  });
}

test("a validated fixture is cached by content: editing it in place makes it invalid again", async () => {
  const shared = join(cacheDir, "shared");
  const fixtures = join(cacheDir, "edited-fixtures");
  mkdirSync(fixtures, { recursive: true });
  const file = join(fixtures, "zero-pad.json");
  writeFileSync(file, readFileSync(join(ROOT, "fixtures", "zero-pad.json")));
  const ok = await runCli(["check", "--dir", "test/submissions/pass/loops", "--fixtures", fixtures], { CONVGRADE_CACHE_DIR: shared });
  assert.equal(ok.code, 0, ok.stderr + ok.stdout);
  const fixture = JSON.parse(readFileSync(file, "utf8"));
  fixture.cases[0].args[1] = "two";
  writeFileSync(file, JSON.stringify(fixture));
  const bad = await runCli(["check", "--dir", "test/submissions/pass/loops", "--fixtures", fixtures], { CONVGRADE_CACHE_DIR: shared });
  assert.equal(bad.code, 2, bad.stdout);
  assert.match(bad.stderr, /zero-pad\.json/);
});

test("usage errors exit 2: unknown function (with a suggestion), missing folder, bad flag value", async () => {
  const unknown = await runCli(["check", "conv_foward", "--dir", "test/submissions/pass/loops"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown function "conv_foward"\. Did you mean conv_forward\?/);
  const missing = await runCli(["check", "--dir", "no/such/folder"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /submission folder not found: no\/such\/folder/);
  const timeout = await runCli(["check", "--timeout", "soon"]);
  assert.equal(timeout.code, 2);
  assert.match(timeout.stderr, /expected a positive whole number/);
  const reporter = await runCli(["check", "--reporter", "xml"]);
  assert.equal(reporter.code, 2);
  assert.match(reporter.stderr, /unknown reporter "xml" in --reporter xml \(known: pretty, json, junit,/);
});

test("environment: a value convgrade cannot use exits 2; a misspelled name warns and the run goes on", async () => {
  const bad = await runCli(["check", "zero_pad", "--dir", "test/submissions/pass/loops"], { CONVGRADE_SANDBOX_NAMESPACES: "off" });
  assert.equal(bad.code, 2, bad.stdout);
  assert.equal(bad.stdout, "");
  assert.match(bad.stderr, /^convgrade: CONVGRADE_SANDBOX_NAMESPACES must be 0 \(no namespaces\) or 1 .*, got "off"\n$/);
  const typo = await runCli(["check", "zero_pad", "--dir", "test/submissions/pass/loops"], { CONVGRADE_CACHEDIR: join(cacheDir, "typo") });
  assert.equal(typo.code, 0, typo.stderr);
  assert.match(typo.stdout, /zeroPad/);
  assert.equal(typo.stderr, "convgrade: warning: CONVGRADE_CACHEDIR is not a variable convgrade reads, so it is ignored: did you mean CONVGRADE_CACHE_DIR?\n");
});
