// check --watch as a learner uses it, in a real terminal (tmux): it grades, a save re-grades only the
// function whose files changed, a syntax error does not stop it, and q quits.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT } from "./_run-cli.js";

const hasTmux = (() => {
  try {
    execFileSync("tmux", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const WAIT_MS = 90_000;
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", "convgrade-test", ...args], { encoding: "utf8" });
const screen = (session: string) => tmux("capture-pane", "-p", "-J", "-t", session);

/**
 * Waits until the screen matches, or fails with what it shows. The wait is long: a check that takes a
 * second alone takes many times that on a machine busy with the rest of the suite, and this test is
 * about what the screen shows, not how soon.
 */
async function waitFor(session: string, pattern: RegExp, what: string): Promise<string> {
  let shown = "";
  for (const started = performance.now(); performance.now() - started < WAIT_MS; await sleep(100)) {
    shown = screen(session);
    if (pattern.test(shown)) return shown;
  }
  assert.fail(`${what}: the screen shows\n${shown}`);
}

test("watch: grades, re-grades only what a save touched, survives a syntax error, quits on q", { skip: hasTmux ? false : "needs tmux" }, async () => {
  const work = mkdtempSync(join(tmpdir(), "convgrade-watch-"));
  const dir = join(work, "exercises");
  cpSync(join(ROOT, "test/submissions/pass/loops"), dir, { recursive: true });
  const session = `watch${process.pid}`;
  const command = `cd ${JSON.stringify(ROOT)} && NO_COLOR=1 ${JSON.stringify(process.execPath)} bin/convgrade.js check --watch --dir ${JSON.stringify(dir)}; echo WATCH-EXITED-$?; sleep 30`;
  tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "60", command);
  try {
    await waitFor(session, /All functions so far: (\d+)\/\1/, "the first run");
    const file = join(dir, "distribute-value.ts");
    const good = readFileSync(file, "utf8");
    writeFileSync(file, `${good}\nexport const broken = ;\n`);
    // The run's last line, not its first result: the summary lines come after the function lines.
    let shown = await waitFor(session, /distributeValue .*could not be graded[\s\S]*All functions so far/, "a syntax error");
    assert.match(shown, /syntax error/);
    // poolBackward imports distributeValue: both are graded again, nothing else is.
    assert.match(shown, /unchanged since the last run: ✓ zeroPad/);
    assert.doesNotMatch(shown, /^✓ convForward/m);
    writeFileSync(file, good);
    shown = await waitFor(session, /✓ distributeValue[\s\S]*All functions so far: (\d+)\/\1/, "the fix");
    assert.match(shown, /✓ poolBackward/);
    tmux("send-keys", "-t", session, "q");
    await waitFor(session, /WATCH-EXITED-0/, "quitting on q");
  } finally {
    try {
      tmux("kill-session", "-t", session);
    } catch {
      // already gone
    }
    rmSync(work, { recursive: true, force: true });
  }
});
