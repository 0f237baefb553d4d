/**
 * End-to-end: the learner's loop at a terminal (a pseudo-terminal from util-linux's `script`). A check
 * of an unchanged submission reuses the verdicts of the last one; a change runs again exactly the
 * functions that can load the changed file, and they grade as a fresh check grades them; CI and output
 * into a pipe always grade afresh.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { FunctionResult, Report } from "../../src/result.ts";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-verdicts-e2e-"));
after(() => rmSync(work, { recursive: true, force: true }));
const submission = join(work, "submission");
cpSync(join(ROOT, "test/submissions/pass/loops"), submission, { recursive: true });
const cacheDir = join(work, "cache");

/** A check at a terminal; its report comes back through --reporter json:file. */
function atTerminal(env: Record<string, string | undefined> = {}, dir = submission): { screen: string; report: Report } {
  const out = join(work, "report.json");
  const command = `${process.execPath} ${ROOT}/bin/convgrade.js check --dir ${dir} --reporter pretty --reporter json:${out}`;
  let screen: string;
  try {
    screen = execFileSync("script", ["-qec", command, "/dev/null"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CONVGRADE_CACHE_DIR: cacheDir, NO_COLOR: "1", CI: undefined, ...env },
    });
  } catch (error) {
    // exit 1 (not full marks) is a normal outcome here
    screen = String((error as { stdout?: string }).stdout ?? "");
  }
  return { screen: screen.replace(/\r/g, ""), report: JSON.parse(readFileSync(out, "utf8")) as Report };
}

/** A function's grade without what differs between runs of the same verdict. */
function verdict(result: FunctionResult): Omit<FunctionResult, "durationMs" | "cached"> {
  const { durationMs: _duration, cached: _cached, ...rest } = result;
  return rest;
}

const cachedNames = (report: Report) => report.functions.filter((f) => f.cached).map((f) => f.name);

test("an unchanged submission is not run again at a terminal; a change runs what can load it, graded as afresh", async () => {
  const first = atTerminal();
  assert.equal(first.report.score, first.report.maxScore);
  assert.deepEqual(cachedNames(first.report), []);
  assert.doesNotMatch(first.screen, /unchanged/);

  const second = atTerminal();
  assert.equal(cachedNames(second.report).length, 8, second.screen);
  // Nothing to run, and known before the CLI had loaded: not one sandbox process was started.
  assert.equal(second.report.sandbox?.processes, 0);
  assert.deepEqual(second.report.functions.map(verdict), first.report.functions.map(verdict));
  assert.match(second.screen, /zeroPad +\d+\/\d+ {2}\(unchanged\)/);
  assert.match(second.screen, /8 functions unchanged since an earlier check were not run again; their results are that check's \(--no-cache runs everything\)/);

  // A mistake in zero-pad.ts: zeroPad and the functions that import it run again (convForward, convBackward).
  const file = join(submission, "zero-pad.ts");
  const source = readFileSync(file, "utf8");
  const broken = source.replace(/\bpad\s*\*\s*2\b|2\s*\*\s*pad\b/g, "pad");
  assert.notEqual(broken, source, "the sample's zeroPad no longer has the expression this test breaks");
  writeFileSync(file, broken);
  const third = atTerminal();
  assert.deepEqual(
    third.report.functions.filter((f) => !f.cached).map((f) => f.name),
    ["zeroPad", "convForward", "convBackward"],
  );
  assert.ok(third.report.score < third.report.maxScore);
  // What ran again grades exactly as a fresh check (into a pipe: never from the cache) grades it.
  const fresh = await runCli(["check", "--dir", submission, "--reporter", "json"], { CONVGRADE_CACHE_DIR: cacheDir, CI: undefined });
  const freshReport = JSON.parse(fresh.stdout) as Report;
  assert.deepEqual(cachedNames(freshReport), []);
  assert.deepEqual(third.report.functions.map(verdict), freshReport.functions.map(verdict));

  assert.ok((third.report.sandbox?.processes ?? 0) > 0);
  // Put back, the old verdicts are found again.
  writeFileSync(file, source);
  assert.equal(cachedNames(atTerminal().report).length, 8);
  // In CI, even at a terminal, nothing is reused.
  assert.deepEqual(cachedNames(atTerminal({ CI: "true" }).report), []);
  // Nor with --no-cache.
  const noCache = await runCli(["check", "--dir", submission, "--reporter", "json", "--no-cache"], { CONVGRADE_CACHE_DIR: cacheDir, CI: undefined });
  assert.deepEqual(cachedNames(JSON.parse(noCache.stdout) as Report), []);
});

test("a file loaded only while the function runs, by a path no reading of the code finds, is part of its verdict", () => {
  const dir = join(work, "dynamic");
  cpSync(join(ROOT, "test/submissions/pass/loops"), dir, { recursive: true });
  // tensor-utils.ts reaches the sandbox through the other files' imports; distributeValue loads it only when called.
  writeFileSync(
    join(dir, "distribute-value.ts"),
    `export function distributeValue(dz: number, shape: [number, number]): number[][] {
  const load = eval("req" + "uire") as (path: string) => { zeros: (shape: number[]) => number[][] };
  const a = load("./tensor-" + "utils.js").zeros(shape);
  for (let i = 0; i < shape[0]; i++) for (let j = 0; j < shape[1]; j++) a[i][j] = dz / (shape[0] * shape[1]);
  return a;
}
`,
  );
  const first = atTerminal({}, dir).report.functions.find((f) => f.name === "distributeValue");
  assert.equal(first?.score, first?.maxScore);
  assert.ok(cachedNames(atTerminal({}, dir).report).includes("distributeValue"));
  writeFileSync(join(dir, "tensor-utils.ts"), `${readFileSync(join(dir, "tensor-utils.ts"), "utf8")}\n// changed\n`);
  assert.ok(!cachedNames(atTerminal({}, dir).report).includes("distributeValue"), "a stale verdict: tensor-utils.ts changed");
});
