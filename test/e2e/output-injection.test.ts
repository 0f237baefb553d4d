/**
 * End-to-end: the hostile samples named inject-* print and throw what a terminal, a CI log or an XML
 * parser would act on. Every reporter must show it inert: the pretty report (with and without colour)
 * holds none of those characters raw and no line of it is a workflow command, the JUnit XML parses
 * with a conformant parser, and the JSON holds no lone surrogate. (submissions.test.ts checks, through
 * the JSON report, that the hostile text really reached the reporters.) The pretty report without
 * colour, the JUnit XML and the JSON are those of the sample's one grading per test run
 * (graded-samples.ts: the reporters write files, json stdout); the coloured one is a run of its own.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { after, describe, test } from "node:test";
import { SaxesParser } from "saxes";
import { fixtureFileSchema } from "../../src/fixtures/schema.js";
import { gradedSample } from "../helpers/graded-samples.js";
import { buildSubmission, discoverSamples, fixtureArgs, removeTestCache, type Sample, TEST_CACHE_DIR } from "../helpers/samples.js";
import { runCli } from "./_run-cli.js";

/** The real maximum score: the points of every case and gradient check of the shipped fixtures. */
const FIXTURES = new URL("../../fixtures/", import.meta.url);
const MAX_SCORE = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".json"))
  .map((file) => fixtureFileSchema.parse(JSON.parse(readFileSync(new URL(file, FIXTURES), "utf8"))))
  .flatMap((fixture) => [...fixture.cases, ...(fixture.gradientChecks ?? [])])
  .reduce((sum, c) => sum + (c.points ?? 1), 0);
after(removeTestCache);

/** C0 controls but newline and tab, DEL, C1, bidi controls, line separators, XML's non-characters, lone surrogates. */
const RAW_CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** The SGR codes chalk writes for convgrade's own colours (bold, dim, red, green, yellow, cyan and their resets). */
const CHALK_SGR = /\x1b\[(?:1|2|22|31|32|33|36|39)m/g;

function checkText(out: string, where: string): void {
  const match = RAW_CONTROL.exec(out);
  assert.equal(
    match,
    null,
    `${where}: raw U+${match?.[0].charCodeAt(0).toString(16).padStart(4, "0")} at ${match?.index}: ${JSON.stringify(out.slice(Math.max(0, (match?.index ?? 0) - 40), (match?.index ?? 0) + 40))}`,
  );
  for (const line of out.split("\n")) {
    assert.doesNotMatch(line, /^[\s\u180e\u200b]*::/, `${where}: a workflow command line`);
    assert.doesNotMatch(line, /##(?:vso)?\[/, `${where}: a ##[ command`);
  }
}

describe("output injection", { concurrency: 2 }, () => {
  const samples = discoverSamples().filter((s) => s.name.startsWith("hostile/inject-"));
  test("there are injection samples", () => assert.ok(samples.length >= 2));

  async function run(sample: Sample, args: string[], env: Record<string, string> = {}) {
    const dir = buildSubmission(sample);
    try {
      return await runCli(["check", "--dir", dir, ...fixtureArgs(), ...args], { CONVGRADE_CACHE_DIR: TEST_CACHE_DIR, ...env });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The sample's shared grading: its exit code, stderr, and what the reporter wrote. */
  async function graded(sample: Sample, reporter: "pretty" | "junit" | "json") {
    const { run, ...files } = await gradedSample(sample);
    const text = reporter === "json" ? run.stdout : files[reporter];
    assert.ok(text !== undefined, `${sample.name}: no ${reporter} output (exit code ${run.code}): ${run.stderr.slice(0, 2000)}`);
    return { code: run.code, stderr: run.stderr, stdout: text };
  }

  for (const sample of samples) {
    test(`${sample.name}: pretty, without colour`, async () => {
      const result = await graded(sample, "pretty");
      assert.equal(result.code, sample.expected.exitCode, result.stderr);
      assert.doesNotMatch(result.stdout, /\x1b/);
      checkText(result.stdout, sample.name);
      const totals = result.stdout.split("\n").filter((line) => /Total/.test(line) && !/^ +[|\\]|^ {6}/.test(line));
      assert.equal(totals.length, 1, `only the real total stands at the start of a line:\n${totals.join("\n")}`);
      assert.match(totals[0], new RegExp(`^Total \\d+/${MAX_SCORE} `));
      assert.doesNotMatch(totals[0], /87\/87/);
    });

    test(`${sample.name}: pretty, with colour: every escape sequence is convgrade's own`, async () => {
      const result = await run(sample, [], { FORCE_COLOR: "1" });
      assert.equal(result.code, sample.expected.exitCode, result.stderr);
      assert.match(result.stdout, CHALK_SGR, "colour is on");
      checkText(result.stdout.replace(CHALK_SGR, ""), `${sample.name} (colour)`);
      assert.doesNotMatch(result.stdout, /\x1b\[8m/);
    });

    test(`${sample.name}: junit parses with a conformant XML parser`, async () => {
      const result = await graded(sample, "junit");
      assert.equal(result.code, sample.expected.exitCode, result.stderr);
      const parser = new SaxesParser();
      let texts = "";
      let failures = 0;
      parser.on("error", (error) => assert.fail(`${sample.name}: the JUnit XML does not parse: ${error.message}`));
      parser.on("text", (text) => (texts += text));
      parser.on("opentag", (tag) => {
        if (tag.name === "error" || tag.name === "failure") failures++;
        for (const value of Object.values(tag.attributes)) texts += `\n${String(value)}`;
      });
      parser.write(result.stdout).close();
      assert.ok(failures > 0, "the learner's messages are in the report");
      checkText(result.stdout, `${sample.name} (junit, raw)`);
      checkText(texts, `${sample.name} (junit, parsed)`);
    });

    test(`${sample.name}: json holds well-formed strings and no raw controls`, async () => {
      const result = await graded(sample, "json");
      assert.equal(result.code, sample.expected.exitCode, result.stderr);
      checkText(result.stdout, `${sample.name} (json)`);
      assert.doesNotMatch(result.stdout, /\\ud[89a-f][0-9a-f]{2}/i, "a surrogate escape in the JSON");
      JSON.parse(result.stdout);
    });
  }
});
