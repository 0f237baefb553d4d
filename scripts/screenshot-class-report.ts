/**
 * `npm run screenshot:report`: grades a small class of sample submissions, then has Chromium (Debian's
 * `chromium` package) render report.html headless, offline, and checks that a screenshot came out.
 * Not part of `npm test`: it needs a browser. Without one, it says so and exits 0.
 * The PNG is kept (its path is printed) for a person to look at.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildClass } from "../test/helpers/class-folder.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const browser = ["chromium", "chromium-browser", "google-chrome"].find((name) => spawnSync("which", [name]).status === 0);
if (!browser) {
  console.log("screenshot: no chromium found (on Debian: apt-get install chromium); nothing checked");
  process.exit(0);
}
const classDir = buildClass([
  { name: "alice", sample: "pass/loops" },
  { name: "<img src=x onerror=alert(1)>", sample: "fail/distribute-value-rounds-share" },
  { name: "ceil", sample: "fail/conv-forward-ceil" },
  { name: "one-side", sample: "fail/zero-pad-one-side" },
  { name: "stubs", sample: "error/stubs" },
]);
const out = mkdtempSync(join(tmpdir(), "convgrade-screenshot-"));
const graded = spawnSync(process.execPath, [join(root, "bin/convgrade.js"), "grade", classDir, "--out", out], { encoding: "utf8" });
rmSync(classDir, { recursive: true, force: true });
if (graded.status !== 0) throw new Error(`convgrade grade exited with ${graded.status}: ${graded.stderr}`);
const png = join(out, "report.png");
const args = ["--headless", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--window-size=1200,2200", `--screenshot=${png}`];
// Chromium refuses to run as root without --no-sandbox (a CI container); the page runs no script anyway.
if (process.getuid?.() === 0) args.push("--no-sandbox");
const shot = spawnSync(browser, [...args, pathToFileURL(join(out, "report.html")).href], { encoding: "utf8", timeout: 60_000 });
const bytes = (() => {
  try {
    return readFileSync(png);
  } catch {
    return Buffer.alloc(0);
  }
})();
if (bytes.length < 10_000 || bytes.subarray(1, 4).toString("latin1") !== "PNG") {
  console.error(`screenshot: ${browser} wrote no usable PNG (exit ${shot.status}): ${shot.stderr.slice(-1000)}`);
  process.exit(1);
}
console.log(`screenshot: ${png} (${bytes.length} bytes)`);
