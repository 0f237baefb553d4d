// convgrade init: a learner workspace that type-checks against the package's types, grades as the stubs
// (0 points, not implemented, exit 1), grades in CI with the classroom and github reporters, and is never
// written over an existing file.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { EXERCISES } from "../../src/exercises.js";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-init-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

const FILES = [
  ...EXERCISES.map((exercise) => `exercises/${exercise.file}`),
  "package.json",
  "tsconfig.json",
  "README.md",
  ".gitignore",
  ".github/workflows/classroom.yml",
];

/** Every file under dir but node_modules, relative, sorted. */
function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .filter((entry) => entry.name !== "node_modules")
    .flatMap((entry) => (entry.isDirectory() ? listFiles(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}

/** The repository's TypeScript on the workspace's own tsconfig.json; "convgrade" resolves to this package, as once installed. */
function typeCheck(workspace: string): { code: number; output: string } {
  if (!existsSync(join(workspace, "node_modules/convgrade"))) {
    mkdirSync(join(workspace, "node_modules"), { recursive: true });
    symlinkSync(ROOT, join(workspace, "node_modules/convgrade"), "dir");
  }
  try {
    const output = execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(workspace, "tsconfig.json")], {
      encoding: "utf8",
    });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, output: failed.stdout };
  }
}

test("init writes the workspace: stubs, package.json, tsconfig.json, README and the Classroom workflow", async () => {
  const workspace = join(work, "learner");
  const run = await runCli(["init", workspace]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(listFiles(workspace), [...FILES].sort());
  for (const exercise of EXERCISES)
    assert.equal(readFileSync(join(workspace, "exercises", exercise.file), "utf8"), readFileSync(join(ROOT, "exercises", exercise.file), "utf8"));
  const manifest = JSON.parse(readFileSync(join(workspace, "package.json"), "utf8"));
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  assert.deepEqual(manifest.devDependencies, { convgrade: `^${version}` });
  assert.equal(manifest.scripts.check, "convgrade check");
  const workflow = readFileSync(join(workspace, ".github/workflows/classroom.yml"), "utf8");
  assert.match(workflow, /^ {8}run: npx convgrade check --reporter classroom --reporter github --min-score 0$/m);
  assert.match(workflow, /uses: classroom-resources\/autograding-grading-reporter@v1/);
  assert.match(workflow, /CONVGRADE_RESULTS: "\$\{\{ steps\.convgrade\.outputs\.result \}\}"/);
  assert.match(run.stdout, /npm run check/);
});

test("the workspace type-checks against the package's types, and a type error in it is caught", () => {
  const workspace = join(work, "learner");
  assert.deepEqual(typeCheck(workspace), { code: 0, output: "" });
  // A whole solution type-checks too, with the import styles the grader accepts (./x.js, ./x.ts).
  const solved = join(work, "solved");
  cpSync(workspace, solved, { recursive: true, filter: (path) => !path.includes("node_modules") });
  cpSync(join(ROOT, "test/submissions/pass/functional"), join(solved, "exercises"), { recursive: true, filter: (path) => !path.endsWith(".json") });
  assert.deepEqual(typeCheck(solved), { code: 0, output: "" });
  writeFileSync(
    join(solved, "exercises/zero-pad.ts"),
    'import type { Tensor4D } from "convgrade";\nexport function zeroPad(X: Tensor4D, pad: number): Tensor4D {\n  return pad;\n}\n',
  );
  const broken = typeCheck(solved);
  assert.notEqual(broken.code, 0);
  assert.match(broken.output, /zero-pad\.ts.*error TS2322/);
});

test("convgrade check in the workspace grades the stubs: 0 points, not implemented, exit 1", async () => {
  const workspace = join(work, "learner");
  const run = await runCli(["check", "--dir", join(workspace, "exercises"), "--reporter", "json"], {}, workspace);
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.equal(report.score, 0);
  assert.ok(report.maxScore > 0);
  assert.deepEqual(
    report.functions.map((f: { name: string; status: string }) => [f.name, f.status]),
    EXERCISES.map((exercise) => [exercise.name, "not-implemented"]),
  );
});

test("init refuses to overwrite: nothing is written when any of its files exists", async () => {
  const workspace = join(work, "learner");
  const before = listFiles(workspace).map((file) => readFileSync(join(workspace, file), "utf8"));
  const again = await runCli(["init", workspace]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already has exercises\/zero-pad\.ts, .*\.github\/workflows\/classroom\.yml: init overwrites nothing/);
  assert.deepEqual(
    listFiles(workspace).map((file) => readFileSync(join(workspace, file), "utf8")),
    before,
  );

  // One file of the set present (a README of the instructor's, a dangling link): the rest is not written either.
  const partial = join(work, "partial");
  mkdirSync(join(partial, ".github/workflows"), { recursive: true });
  writeFileSync(join(partial, "README.md"), "mine\n");
  symlinkSync(join(work, "nowhere"), join(partial, ".github/workflows/classroom.yml"));
  const refused = await runCli(["init"], {}, partial);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /already has README\.md, \.github\/workflows\/classroom\.yml:/);
  assert.deepEqual(listFiles(partial), [".github/workflows/classroom.yml", "README.md"]);
  assert.equal(readFileSync(join(partial, "README.md"), "utf8"), "mine\n");
  assert.equal(existsSync(join(work, "nowhere")), false);
});
