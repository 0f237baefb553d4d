// Harness faults are never a learner's zero: a sandbox that cannot start, or limits the harness itself
// cannot work within, end the run with a HarnessError (exit 2), and no function gets a verdict.

import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { DiskCache } from "../../src/cache.ts";
import { HarnessError } from "../../src/errors.ts";
import { check } from "../../src/run/check.ts";
import { Sandbox } from "../../src/sandbox/host.ts";
import { runCli } from "./_run-cli.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const options = {
  dir: join(ROOT, "test/submissions/pass/loops"),
  fixturesDir: join(ROOT, "fixtures"),
  timeoutMs: 2500,
  memoryMb: 256,
  cache: new DiskCache(undefined),
};

/** A check whose sandbox runs `script` instead of the real child. */
const checkWith = (script: string) => check({ ...options, sandboxes: [new Sandbox({ memoryMb: 256, script })] });
const isSandboxFault = (pattern: RegExp) => (error: unknown) => error instanceof HarnessError && error.code === "SANDBOX" && pattern.test(error.message);

test("a sandbox that exits before it is ready is the harness's fault", async () => {
  await assert.rejects(
    checkWith(`process.stderr.write("broken install\\n"); process.exit(3);`),
    isSandboxFault(/exited with code 3 before it was ready: broken install/),
  );
});

test("a sandbox killed before it is ready is the harness's fault", async () => {
  await assert.rejects(checkWith(`process.kill(process.pid, "SIGKILL");`), isSandboxFault(/killed by SIGKILL before it was ready/));
});

test("a sandbox that throws while starting is the harness's fault", async () => {
  await assert.rejects(checkWith(`throw new Error("cannot load the child");`), isSandboxFault(/exited with code 1 before it was ready/));
});

test("limits too small for the harness are refused with the minimum, before any sandbox starts", async () => {
  await assert.rejects(
    check({ ...options, memoryMb: 4 }),
    (error: unknown) => error instanceof HarnessError && error.code === "USAGE" && /at least 32 MiB/.test(error.message),
  );
  await assert.rejects(check({ ...options, timeoutMs: 5 }), (error: unknown) => error instanceof HarnessError && /at least 100 ms/.test(error.message));
});

test("the CLI exits 2 for them, with one line and no report", async () => {
  for (const args of [
    ["--memory", "1"],
    ["--memory", "4"],
    ["--timeout", "10"],
  ]) {
    const run = await runCli(["check", "--dir", "test/submissions/pass/loops", "--reporter", "json", ...args]);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^convgrade: --(memory|timeout) must be at least/);
  }
});
