// check({ closing }): the report comes back before the sandboxes have exited, and the promise handed over
// settles only once every process the check started is gone (watch mode prints a save's result sooner).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { exerciseNamed } from "../../src/exercises.ts";
import { check } from "../../src/run/check.ts";
import { ROOT } from "../helpers/samples.ts";

/** The pids of this process's children (sandboxes, fork servers and their walls' first processes). */
function children(): string[] {
  return readdirSync("/proc/self/task").flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, "utf8").trim().split(" ").filter(Boolean));
}

test("check hands over the closing of its sandboxes when asked, and it settles once they are gone", async () => {
  const before = new Set(children());
  let closed: Promise<void> | undefined;
  const report = await check({
    dir: join(ROOT, "test/submissions/pass/loops"),
    functions: [exerciseNamed("zeroPad"), exerciseNamed("distributeValue")],
    jobs: 2,
    closing: (promise) => {
      closed = promise;
    },
  });
  assert.equal(report.score, report.maxScore);
  assert.ok(closed, "the closing was handed over");
  await closed;
  assert.deepEqual(
    children().filter((pid) => !before.has(pid)),
    [],
    "a sandbox process outlived the closing",
  );
});
