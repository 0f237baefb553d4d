/**
 * One folder for a whole `node --test` run, loaded with --import by the npm test scripts. Node's runner
 * starts a process per test file, and this module runs in each of them as well as in the runner: in the
 * runner (NODE_TEST_CONTEXT is unset there), it makes the folder, names it in CONVGRADE_TEST_RUN_DIR,
 * which every test file's process inherits, and removes it when the run ends. The test files keep there
 * what they share: the sample submissions graded once (graded-samples.ts) and the CLI's cache.
 * A test file run on its own, without this module, keeps all that to itself.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

if (process.env.NODE_TEST_CONTEXT === undefined && !process.env.CONVGRADE_TEST_RUN_DIR) {
  const dir = mkdtempSync(join(tmpdir(), "convgrade-test-run-"));
  process.env.CONVGRADE_TEST_RUN_DIR = dir;
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}
