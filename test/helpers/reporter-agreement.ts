/**
 * Every reporter agrees with json on every number: junit (valid against the schema, one suite per
 * function, one test case per case and gradient check), gradescope, classroom (its step output) and
 * github (one annotation per function that falls short, the job summary), each compared with the JSON
 * report of the same run.
 */
import assert from "node:assert/strict";
import type { CaseResult, FunctionResult, Report } from "../../src/result.js";
import type { GradedSample } from "./graded-samples.js";
import { assertValidJunit, type JunitBatch, parseJunit } from "./junit.js";

const allCases = (fn: FunctionResult): CaseResult[] => [...fn.cases, ...fn.gradientChecks];
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** What a run with every reporter wrote, parsed. */
export interface Outputs {
  code: number | null;
  stderr: string;
  json: Report;
  junit: string;
  gradescope: any;
  classroom: any;
  /** the github reporter's lines, wherever it wrote them */
  github: string;
  summary: string;
}

function parseJson(text: string, what: string): any {
  try {
    return JSON.parse(text);
  } catch (error) {
    assert.fail(`${what} is not one JSON document (${(error as Error).message}): ${text.slice(0, 500)}`);
  }
}

/** Parses what the reporters wrote; the classroom reporter's step output is one line, result=<base64 JSON>. */
export function parseOutputs(
  run: { code: number | null; stderr: string },
  texts: Omit<Outputs, "code" | "stderr" | "json" | "gradescope" | "classroom"> & { json: string; gradescope: string; githubOutput: string },
  where: string,
): Outputs {
  assert.equal(run.stderr, "", `${where}: stderr`);
  const [key, value] = texts.githubOutput.trimEnd().split("=");
  assert.equal(key, "result", `${where}: the step output's name`);
  return {
    code: run.code,
    stderr: run.stderr,
    json: parseJson(texts.json, `${where}: the json report`),
    junit: texts.junit,
    gradescope: parseJson(texts.gradescope, `${where}: the gradescope results`),
    classroom: JSON.parse(Buffer.from(value, "base64").toString("utf8")),
    github: texts.github,
    summary: texts.summary,
  };
}

/** The outputs of a sample's shared grading (graded-samples.ts): json on stdout, the others in files. */
export function outputsOf(graded: GradedSample, where: string): Outputs {
  const text = (name: keyof GradedSample) => {
    const value = graded[name];
    assert.ok(typeof value === "string", `${where}: no ${name} output (exit code ${graded.run.code}); stderr:\n${graded.run.stderr.slice(0, 2000)}`);
    return value;
  };
  return parseOutputs(
    graded.run,
    {
      json: graded.run.stdout,
      junit: text("junit"),
      gradescope: text("gradescope"),
      githubOutput: text("githubOutput"),
      github: text("github"),
      summary: text("summary"),
    },
    where,
  );
}

/** Every reporter against the JSON report; the JUnit XML is validated now, or with the batch's when one is given. */
export async function checkAgreement(o: Outputs, where: string, junitBatch?: JunitBatch): Promise<void> {
  assert.equal(o.json.score, sum(o.json.functions.map((f) => f.score)), `${where}: the total is the sum of the functions' scores`);
  if (junitBatch) junitBatch.add(o.junit, where);
  else await assertValidJunit(o.junit, where);
  checkJunit(o, where);
  checkGradescope(o, where);
  checkClassroom(o, where);
  checkGithub(o, where);
}

function checkJunit(o: Outputs, where: string): void {
  const junit = parseJunit(o.junit, where);
  assert.equal(junit.suites.length, o.json.functions.length, `${where}: one suite per function`);
  o.json.functions.forEach((fn, k) => {
    const suite = junit.suites[k];
    assert.equal(suite.attributes.name, fn.name);
    assert.equal(suite.properties.score, String(fn.score), `${where}: ${fn.name} score`);
    assert.equal(suite.properties.maxScore, String(fn.maxScore), `${where}: ${fn.name} maxScore`);
    assert.equal(suite.attributes.time, (fn.durationMs / 1000).toFixed(3));
    const cases = allCases(fn);
    assert.equal(suite.cases.length, cases.length, `${where}: ${fn.name} cases and gradient checks are test cases`);
    const points = Object.entries(suite.properties).filter(([name]) => name.startsWith("points: "));
    assert.deepEqual(
      points.map(([, value]) => value),
      cases.map((c) => `${c.points}/${c.maxPoints}`),
      `${where}: ${fn.name} points`,
    );
    cases.forEach((c, i) => {
      const expected = c.status === "pass" ? "pass" : c.status === "fail" ? "failure" : "error";
      assert.equal(suite.cases[i].outcome, expected, `${where}: ${fn.name} case ${i}`);
    });
  });
  assert.equal(junit.attributes.time, (o.json.durationMs / 1000).toFixed(3));
}

function checkGradescope(o: Outputs, where: string): void {
  const g = o.gradescope;
  assert.equal(g.score, o.json.score, `${where}: gradescope score`);
  assert.equal(Math.round(g.execution_time * 1000), o.json.durationMs);
  const cases = o.json.functions.flatMap(allCases);
  assert.equal(g.tests.length, cases.length, `${where}: gradescope tests`);
  cases.forEach((c, i) => {
    const t = g.tests[i];
    assert.deepEqual(
      [t.score, t.max_score, t.status, t.visibility],
      [c.points, c.maxPoints, c.status === "pass" ? "passed" : "failed", c.hidden ? "after_published" : "visible"],
    );
    if (c.hidden) assert.equal(t.output, undefined, `${where}: a hidden case shows nothing`);
  });
  assert.equal(sum(g.tests.map((t: any) => t.score)), o.json.score);
}

function checkClassroom(o: Outputs, where: string): void {
  const c = o.classroom;
  assert.equal(c.version, 1);
  assert.equal(c.max_score, o.json.maxScore, `${where}: classroom max_score`);
  assert.equal(sum(c.tests.map((t: any) => t.score)), o.json.score, `${where}: classroom's grade (the sum of the tests' scores)`);
  assert.equal(c.status, o.json.score === o.json.maxScore ? "pass" : "fail");
  const cases = o.json.functions.flatMap(allCases);
  assert.deepEqual(
    c.tests.map((t: any) => [t.score, t.max_score, t.status]),
    cases.map((k) => [k.points, k.maxPoints, k.status === "pass" ? "pass" : k.status === "fail" ? "fail" : "error"]),
  );
}

function checkGithub(o: Outputs, where: string): void {
  const lines = o.github.trimEnd().split("\n");
  const commands = lines.filter((line) => /^\s*::/.test(line));
  const short = o.json.functions.filter((fn) => fn.status !== "pass");
  assert.equal(commands.length, short.length, `${where}: one annotation per function that falls short`);
  short.forEach((fn, k) => {
    assert.match(commands[k], /^::error file=[^,:]+,(?:line=\d+,)?title=/, `${where}: ${commands[k].slice(0, 200)}`);
    assert.ok(commands[k].includes(`title=${fn.name} ${fn.score}/${fn.maxScore}%3A`), `${where}: ${fn.name} points in the title`);
  });
  for (const fn of o.json.functions)
    assert.ok(
      lines.some((line) => line.endsWith(` ${fn.name} ${fn.score}/${fn.maxScore}`)),
      `${where}: ${fn.name} line`,
    );
  assert.equal(lines.at(-1), `Total ${o.json.score}/${o.json.maxScore}`);
  for (const fn of o.json.functions)
    assert.match(o.summary, new RegExp(`\\| [✓✗!○] ${fn.name} \\| [^|]+ \\| ${fn.score}/${fn.maxScore} \\|`), `${where}: summary row`);
  assert.match(o.summary, new RegExp(`\\*\\*${o.json.score}/${o.json.maxScore}\\*\\*`));
}
