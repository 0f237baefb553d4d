/**
 * `check --watch`: from saving one exercise file to its result on screen. The CLI watches a copy of
 * the submission; each save appends a different comment to one exercise file (so it is transpiled
 * anew), in turn over all eight, and the time runs until the run's last line is printed.
 */
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./bench-clock.ts";

const DONE = "All functions so far:";

export async function watchLatency(root: string, submission: string, cacheDir: string, saves: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "convgrade-bench-watch-"));
  cpSync(submission, dir, { recursive: true });
  const files = readdirSync(dir).filter((name) => name.endsWith(".ts") && name !== "tensor-utils.ts");
  const child = spawn(process.execPath, [join(root, "bin/convgrade.js"), "check", "--watch", "--dir", dir], {
    cwd: root,
    env: { ...process.env, CONVGRADE_CACHE_DIR: cacheDir, NO_COLOR: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let seen = "";
  let waiter: (() => void) | undefined;
  child.stdout.setEncoding("utf8").on("data", (text: string) => {
    seen += text;
    if (seen.includes(DONE) && waiter) {
      seen = "";
      const wake = waiter;
      waiter = undefined;
      wake();
    }
  });
  const nextRun = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("check --watch printed no result within 20 s")), 20_000);
      waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      if (seen.includes(DONE)) {
        seen = "";
        waiter();
      }
    });
  const times: number[] = [];
  try {
    await nextRun(); // the first, full run
    for (let i = 0; i < saves; i++) {
      // Let the sandboxes started for the next save get ready, as they would while the learner types.
      await new Promise((resolve) => setTimeout(resolve, 700));
      const file = files[i % files.length];
      const started = performance.now();
      appendFileSync(join(dir, file), `\n// save ${i}\n`);
      await nextRun();
      times.push(performance.now() - started);
      if (process.env.BENCH_VERBOSE) console.log(`    ${file}: ${(performance.now() - started).toFixed(0)} ms`);
    }
  } finally {
    child.stdin.end("q");
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`\n  check --watch, from a save of one exercise file to its result printed (${times.length} saves over ${files.length} files)`);
  console.log(
    `    median ${median(times).toFixed(0)} ms, fastest ${sorted[0]?.toFixed(0)} ms, slowest ${sorted[sorted.length - 1]?.toFixed(0)} ms   target ≤ 150 ms (stretch 80 ms)`,
  );
}
