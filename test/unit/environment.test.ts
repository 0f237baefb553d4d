// The CONVGRADE_* variables an instructor sets: a value convgrade cannot use is a usage error, never a
// silent default, and a misspelled name is a warning naming the variable meant.

import assert from "node:assert/strict";
import { test } from "node:test";
import { checkEnvironment } from "../../src/cli/environment.js";
import { HarnessError } from "../../src/errors.js";

function usageError(env: NodeJS.ProcessEnv): string {
  try {
    checkEnvironment(env);
  } catch (error) {
    assert.ok(error instanceof HarnessError);
    assert.equal(error.code, "USAGE");
    return error.message;
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
}

test("the variables convgrade reads, with usable values, pass without a word; others' names are left alone", () => {
  const env = {
    PATH: "/usr/bin",
    CONVGRADE_CACHE_DIR: "",
    CONVGRADE_SANDBOX_UID: "1000",
    CONVGRADE_SANDBOX_GID: "65534",
    CONVGRADE_SANDBOX_NAMESPACES: "0",
    CONVGRADE_RESULTS: "eyJ9",
    CONVGRADE_SLOW_TESTS: "1",
    CONVGRADE_E2E_FIXTURES: "/tmp/f",
  };
  assert.deepEqual(checkEnvironment(env), []);
  assert.deepEqual(checkEnvironment({ CONVGRADE_SANDBOX_NAMESPACES: "1" }), []);
});

test("a value the core would quietly replace by its default is a usage error", () => {
  assert.equal(
    usageError({ CONVGRADE_SANDBOX_NAMESPACES: "off" }),
    'CONVGRADE_SANDBOX_NAMESPACES must be 0 (no namespaces) or 1 (namespaces where the kernel allows them, the default), got "off"',
  );
  for (const uid of ["abc", "0", "-5", "1.5", "0x10", "", " 1000", "4294967295"]) {
    assert.match(usageError({ CONVGRADE_SANDBOX_UID: uid }), /^CONVGRADE_SANDBOX_UID must be a user id above 0, got /, uid);
  }
  assert.match(usageError({ CONVGRADE_SANDBOX_GID: "staff" }), /^CONVGRADE_SANDBOX_GID must be a group id above 0, got "staff"$/);
});

test("an unknown CONVGRADE_ name is a warning with the name meant; a retired one says what replaced it", () => {
  assert.deepEqual(checkEnvironment({ CONVGRADE_CACHEDIR: "/tmp/c" }), [
    "CONVGRADE_CACHEDIR is not a variable convgrade reads, so it is ignored: did you mean CONVGRADE_CACHE_DIR?",
  ]);
  assert.deepEqual(checkEnvironment({ convgrade_sandbox_namespaces: "0" }), [
    "convgrade_sandbox_namespaces is not a variable convgrade reads, so it is ignored: did you mean CONVGRADE_SANDBOX_NAMESPACES?",
  ]);
  assert.match(checkEnvironment({ CONVGRADE_COLOUR: "1" })[0], /: convgrade reads CONVGRADE_CACHE_DIR, CONVGRADE_SANDBOX_UID, /);
  assert.match(checkEnvironment({ "CONVGRADE_\u001b[2J": "1" })[0], /^"CONVGRADE_\\u001b\[2J" is not/, "a name fit to print");
  assert.match(checkEnvironment({ CONVGRADE_TRACE: "1" })[0], /^CONVGRADE_TRACE is ignored: .*durationMs/);
});
