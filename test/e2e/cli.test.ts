// The command line around the grading: parallel sandboxes, reporters, help, function selection.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { EXERCISES } from "../../src/exercises.js";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-cli-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

function overlay(name: string, sample: string): string {
  const dir = join(work, name);
  cpSync(join(ROOT, "test/submissions/pass/loops"), dir, { recursive: true });
  cpSync(join(ROOT, "test/submissions", sample), dir, { recursive: true, filter: (path) => !path.endsWith("expected.json") });
  return dir;
}

test("--jobs 2 gives the same report as one sandbox, in course order", async () => {
  const dir = overlay("globals", "hostile/replaces-globals");
  const one = await runCli(["check", "--dir", dir, "--reporter", "json", "--jobs", "1"]);
  const two = await runCli(["check", "--dir", dir, "--reporter", "json", "--jobs", "2"]);
  assert.equal(one.code, 1);
  assert.equal(two.code, 1);
  const strip = (text: string) => {
    const report = JSON.parse(text);
    delete report.durationMs;
    // More jobs start more spare sandboxes ahead; the verdicts must not change.
    delete report.sandbox.processes;
    for (const fn of report.functions) delete fn.durationMs;
    return report;
  };
  assert.deepEqual(strip(two.stdout), strip(one.stdout));
  const names = strip(one.stdout).functions.map((f: { name: string }) => f.name);
  assert.deepEqual(names, [
    "zeroPad",
    "convSingleStep",
    "convForward",
    "poolForward",
    "convBackward",
    "createMaskFromWindow",
    "distributeValue",
    "poolBackward",
  ]);
});

test("every sandbox a process of its own (no fork server) gives the same report as forked ones", async () => {
  const dir = overlay("globals-spawned", "hostile/replaces-globals");
  const forked = await runCli(["check", "--dir", dir, "--reporter", "json"]);
  const spawned = await runCli(["check", "--dir", dir, "--reporter", "json"], { CONVGRADE_FORK_SERVER: "0" });
  assert.equal(forked.code, 1, forked.stderr);
  assert.equal(spawned.code, 1, spawned.stderr);
  const strip = (text: string) => {
    const report = JSON.parse(text);
    delete report.durationMs;
    for (const fn of report.functions) delete fn.durationMs;
    return report;
  };
  assert.deepEqual(strip(spawned.stdout), strip(forked.stdout));
});

test("selected functions only, by snake_case or camelCase, graded in course order", async () => {
  const run = await runCli(["check", "pool_backward", "zeroPad", "--dir", "test/submissions/pass/loops", "--reporter", "json"]);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(
    report.functions.map((f: { name: string }) => f.name),
    ["zeroPad", "poolBackward"],
  );
  assert.equal(report.score, report.maxScore);
});

test("junit reporter: one suite per function, failures with their message", async () => {
  const dir = overlay("stride", "fail/conv-forward-stride-left-out");
  const run = await runCli(["check", "conv_forward", "--dir", dir, "--reporter", "junit"]);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="convgrade"/);
  assert.match(run.stdout, /<testsuite name="convForward" tests="\d+" failures="[1-9]\d*" errors="0" skipped="0" time="[\d.]+"/);
  assert.match(run.stdout, /<failure message="Z (has shape|differs)[^"]*" type="fail">/);
  assert.equal((run.stdout.match(/<testsuite /g) ?? []).length, 1);
});

test("--help prints usage and exits 0; no command is a usage error", async () => {
  const help = await runCli(["check", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--fixtures <folder>/);
  assert.match(help.stdout, /--timeout <ms>/);
  const none = await runCli(["frobnicate"]);
  assert.equal(none.code, 2);
});

test("colour: off for a pipe and with NO_COLOR, on with FORCE_COLOR", async () => {
  // Only the pipe keeps colour off here: none of NO_COLOR, CI or TERM=dumb is set.
  const plain = await runCli(["check", "zero_pad", "--dir", "test/submissions/pass/loops"], { NO_COLOR: undefined, CI: undefined, TERM: "xterm-256color" });
  // Not only no colour: the report itself, so a crash that prints nothing cannot pass.
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /^✓ zeroPad\s+(\d+)\/\1/m);
  assert.doesNotMatch(plain.stdout, /\u001b\[/);
  const forced = await runCli(["check", "zero_pad", "--dir", "test/submissions/pass/loops"], { NO_COLOR: "", FORCE_COLOR: "1" });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /\u001b\[32m✓/);
});

test('the package entry exports RandomState: import { RandomState } from "convgrade"', async () => {
  // A self-reference: resolved through package.json "exports" to the compiled dist/index.js.
  const { RandomState } = await import("convgrade");
  const x = new RandomState(1).randn(4, 3, 3, 2) as number[][][][];
  assert.equal(x[1][1][0][0], 0.9008559492644118);
  assert.equal(x.length, 4);
});

test("the published package holds no solution: no reference, no generator, no solved exercise, in any file", () => {
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" })) as [
    { files: { path: string }[] },
  ];
  const paths = pack.files.map((file) => file.path);
  assert.ok(paths.includes("dist/cli/start.js"), paths.join("\n"));
  // By path: the reference (compiled or not), the fixture generator, tests and their sample solutions.
  assert.deepEqual(
    paths.filter((path) => /reference|scripts\/|^test\/|^src\/|fixture-cases|private-fixtures|random-(draws|forward|backward)|mutants|submissions/.test(path)),
    [],
  );
  const names = EXERCISES.map((exercise) => exercise.name).join("|");
  const definesExercise = new RegExp(
    `\\bfunction\\s*\\*?\\s*(${names})\\b|\\b(${names})\\s*(:[^=;]+)?=\\s*(async\\s*)?(\\(|function|[A-Za-z_$][\\w$]*\\s*=>)|\\b(${names})\\s*\\([^)]*\\)\\s*\\{`,
  );
  for (const path of paths.filter((p) => /\.(c|m)?js$/.test(p))) {
    const text = readFileSync(join(ROOT, path), "utf8");
    // By content: no compiled file defines an exercise, imports the reference, or carries the generator's code.
    assert.doesNotMatch(text, definesExercise, `${path} defines an exercise function`);
    assert.doesNotMatch(text, /from\s*["'][^"']*reference|import\(\s*["'][^"']*reference/, `${path} imports the reference`);
    assert.doesNotMatch(text, /centralDifferences|recordSiblingCalls|makeCase|sampleSiblingCalls/, `${path} holds fixture-generation code`);
  }
  // The exercise files shipped are the stubs, every one: each only throws.
  const stubs = paths.filter((path) => path.startsWith("exercises/"));
  assert.deepEqual(stubs.sort(), EXERCISES.map((exercise) => `exercises/${exercise.file}`).sort());
  for (const exercise of EXERCISES) {
    const text = readFileSync(join(ROOT, "exercises", exercise.file), "utf8");
    assert.match(text, new RegExp(`throw new Error\\("Not implemented yet: ${exercise.name}"\\)`), exercise.file);
    assert.doesNotMatch(text, /\breturn\b/, `${exercise.file} returns something`);
  }
});

test("convgrade exits only after its sandbox processes have exited: nothing is left in its process group", async () => {
  for (const args of [
    ["check", "--dir", "test/submissions/pass/loops"],
    ["check", "--dir", "test/submissions/hostile/set-interval", "zero_pad"],
    ["check", "--memory", "1"],
  ]) {
    const child = spawn(process.execPath, [`${ROOT}/bin/convgrade.js`, ...args], {
      cwd: ROOT,
      detached: true,
      stdio: "ignore",
      env: { ...process.env, NO_COLOR: "1" },
    });
    await new Promise((resolve) => child.on("exit", resolve));
    const left = (() => {
      try {
        process.kill(-(child.pid as number), 0);
        return true;
      } catch {
        return false;
      }
    })();
    assert.equal(left, false, `a process of convgrade ${args.join(" ")} outlived it`);
  }
});
