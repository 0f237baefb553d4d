// The early start reads the flags the full CLI will, -d included, and starts nothing for anything else.

import assert from "node:assert/strict";
import { test } from "node:test";
import { prestart } from "../../src/cli/prestart.ts";

test("check with -d, --dir or --dir= starts a sandbox per function to grade (whatever --jobs is); --help, other commands and bad limits start none", async () => {
  const cases: [string[], number][] = [
    [["check", "-d", "test/submissions/pass/loops"], 8],
    [["check", "--dir=test/submissions/pass/loops", "--jobs", "2"], 8],
    [["check", "zero_pad", "--dir=test/submissions/pass/loops", "--jobs", "3"], 1],
    [["check", "zero_pad", "--dir", "test/submissions/pass/loops"], 1],
    [["check", "zero_pad", "poolBackward", "--dir", "test/submissions/pass/loops"], 2],
    [["check", "-d", "no/such/folder"], 0],
    [["check", "-d", "test/submissions/pass/loops", "--memory", "4"], 0],
    [["check", "--help"], 0],
    [["check", "-h"], 0],
    [["frobnicate"], 0],
  ];
  for (const [argv, count] of cases) {
    const started = prestart(argv);
    try {
      assert.equal(started.length, count, argv.join(" "));
    } finally {
      // Even when it fails: a sandbox left running would hold this test process open.
      await Promise.all(started.map((sandbox) => sandbox.close()));
    }
  }
});
