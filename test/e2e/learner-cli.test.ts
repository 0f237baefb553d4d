// What a learner reaches for besides check: --version, list (with the last run), --typecheck.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-learner-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

test("--version prints the package's version", async () => {
  const run = await runCli(["--version"]);
  assert.equal(run.code, 0);
  assert.equal(run.stdout.trim(), JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version);
});

test("list shows the exercises in course order with their points, then how the last check of the folder went", async () => {
  const dir = join(work, "list");
  cpSync(join(ROOT, "test/submissions/pass/loops"), dir, { recursive: true });
  const env = { CONVGRADE_CACHE_DIR: join(work, "cache") };
  const before = await runCli(["list", "--dir", dir], env);
  assert.equal(before.code, 0, before.stderr);
  const names = before.stdout.split("\n").filter((line) => /^\s*\d+\./.test(line));
  assert.equal(names.length, 8);
  assert.match(names[0], /^ 1\. zero_pad\s+zero-pad\.ts\s+\d+ points {2}not checked yet$/);
  assert.match(names[7], /^ 8\. pool_backward/);
  await runCli(["check", "zero_pad", "--dir", dir], env);
  const after = await runCli(["list", "--dir", dir], env);
  assert.match(after.stdout, /zero_pad .* ✓ pass (\d+)\/\1/);
  assert.match(after.stdout, /conv_forward .* not checked yet/);
  assert.match(after.stdout, /last check: \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
});

test("--typecheck shows type errors under the function whose file has them, with file:line, and scores nothing differently", async () => {
  const dir = join(work, "types");
  cpSync(join(ROOT, "test/submissions/pass/loops"), dir, { recursive: true });
  const file = join(dir, "distribute-value.ts");
  writeFileSync(file, readFileSync(file, "utf8").replace("export function distributeValue(dz: number", "export function distributeValue(dz: string"));
  writeFileSync(join(dir, "zero-pad.ts"), `${readFileSync(join(dir, "zero-pad.ts"), "utf8")}\nexport const answer: number = "forty-two";\n`);
  const run = await runCli(["check", "--dir", dir, "--typecheck", "--reporter", "json"]);
  const report = JSON.parse(run.stdout) as {
    score: number;
    maxScore: number;
    functions: { name: string; typeErrors?: { file: string; line: number; message: string }[] }[];
  };
  assert.equal(report.score, report.maxScore, "type errors are never scored");
  const of = (name: string) => report.functions.find((f) => f.name === name)?.typeErrors ?? [];
  assert.ok(
    of("zeroPad").some((e) => e.file.endsWith("zero-pad.ts") && /'string' is not assignable to type 'number'/.test(e.message)),
    JSON.stringify(of("zeroPad")),
  );
  assert.ok(
    of("distributeValue").some((e) => e.line === 4 && /does not match the exercise's signature/.test(e.message)),
    JSON.stringify(of("distributeValue")),
  );
  assert.deepEqual(of("convSingleStep"), []);
  const pretty = await runCli(["check", "--dir", dir, "--typecheck"]);
  assert.match(pretty.stdout, /Type errors \(not scored\):\n {2}zeroPad\n {4}.*zero-pad\.ts:\d+:\d+ TS2322/);
});

test("--typecheck reads nothing an import names outside the files the grader read", async () => {
  const dir = join(work, "outside");
  cpSync(join(ROOT, "test/submissions/pass/loops"), dir, { recursive: true });
  const secret = join(work, "secret-types.ts");
  writeFileSync(secret, `export interface SecretAnswer { LEAKED_FIELD_NAME: number }\n`);
  writeFileSync(join(work, "secret.json"), `{ "LEAKED_JSON_KEY": 1 }\n`);
  const file = join(dir, "zero-pad.ts");
  writeFileSync(
    file,
    `import type { SecretAnswer } from ${JSON.stringify(secret)};\nimport data from "../secret.json";\nexport const probe: SecretAnswer = { wrong: true } as never;\nexport const probe2: string = data;\n${readFileSync(file, "utf8")}`,
  );
  const run = await runCli(["check", "zero_pad", "--dir", dir, "--typecheck", "--reporter", "json"]);
  // Not only absent: the run produced a report, and the type check ran and found both imports unresolved.
  // (The JSON import is also a run-time import outside the folder, so zeroPad cannot be graded: exit 1.)
  assert.equal(run.code, 1, run.stderr);
  const [zeroPad] = (JSON.parse(run.stdout) as { functions: { name: string; status: string; message?: string; typeErrors?: { code: string }[] }[] }).functions;
  assert.equal(zeroPad.name, "zeroPad");
  assert.equal(zeroPad.status, "error");
  assert.match(zeroPad.message ?? "", /cannot find '\.\.\/secret\.json' in the submission folder/);
  assert.deepEqual(zeroPad.typeErrors?.map((e) => e.code).sort(), ["TS2307", "TS2732"], JSON.stringify(zeroPad.typeErrors));
  assert.doesNotMatch(run.stdout, /LEAKED_FIELD_NAME|LEAKED_JSON_KEY/);
});
