/**
 * The autograding docs hold commands that work: every workflow and YAML file in examples/ and every
 * YAML block of the README parses (with `yaml`, as YAML 1.2), and every `convgrade` command in them,
 * and in the Gradescope scripts, is parsed by the real command-line program (built by `program()`,
 * with its actions replaced): the command exists, and its options, their values (reporter names,
 * thresholds, numbers) and its arguments are accepted.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import type { Command } from "commander";
import { parseAllDocuments } from "yaml";
import { program } from "../../src/cli/main.js";
import { CLASSROOM_WORKFLOW } from "../../src/workspace/templates.ts";
import { ROOT } from "../helpers/samples.js";

const EXAMPLES = join(ROOT, "examples");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The YAML blocks of the README, with the line each starts on. */
function readmeYamlBlocks(): { where: string; text: string }[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const blocks: { where: string; text: string }[] = [];
  const fence = /^```ya?ml\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(readme); match; match = fence.exec(readme)) {
    blocks.push({ where: `README.md:${readme.slice(0, match.index).split("\n").length}`, text: match[1] });
  }
  return blocks;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

function parseYaml(text: string, where: string): unknown[] {
  const documents = parseAllDocuments(text);
  assert.ok(Array.isArray(documents), `${where}: not YAML`);
  for (const document of documents) assert.deepEqual(document.errors, [], `${where}: YAML errors`);
  return documents.map((document) => document.toJS());
}

/**
 * The convgrade commands in shell text: what follows `npx convgrade` (or a path to it) up to the end of the command (a
 * newline not escaped, `&&`, `;`, `|`, a redirection or a comment). CI expressions (`${{ … }}`) and
 * shell variables stand for a value: they become "1".
 */
function convgradeCommands(shell: string): string[][] {
  const joined = shell
    .replace(/\\\n/g, " ")
    .replace(/\$\{\{[^}]*\}\}/g, "1")
    .replace(/\$\{?\w+\}?/g, "1");
  const commands: string[][] = [];
  for (const line of joined.split("\n")) {
    for (const part of line.replace(/\s#.*$/, "").split(/&&|;|\|\|?/)) {
      const tokens = (part.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((t) => t.replace(/^(["'])(.*)\1$/, "$2"));
      // `npx convgrade`, or a path to it (`./node_modules/.bin/convgrade`): not a step named convgrade
      const at = tokens.findIndex((t, k) => (t === "convgrade" && tokens[k - 1] === "npx") || /\/convgrade(\.js)?$/.test(t));
      if (at === -1) continue;
      const end = tokens.findIndex((t, k) => k > at && /^\d?>/.test(t));
      commands.push(tokens.slice(at + 1, end === -1 ? undefined : end));
    }
  }
  return commands;
}

/** Parses argv with the real program, every action replaced by nothing; throws what commander or an option's parser throws. */
async function parseWithProgram(argv: string[]): Promise<void> {
  const cli = program();
  const silence = (command: Command) => {
    command.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    if (command.commands.length === 0) command.action(() => {});
    for (const sub of command.commands) silence(sub);
  };
  silence(cli);
  await cli.parseAsync(argv, { from: "user" });
}

/** Every place that holds convgrade commands: YAML (files and README blocks) and the Gradescope scripts. */
function sources(): { where: string; commands: string[][] }[] {
  const out: { where: string; commands: string[][] }[] = [];
  for (const file of filesUnder(EXAMPLES)) {
    const where = relative(ROOT, file);
    if (/\.ya?ml$/.test(file)) out.push({ where, commands: parseYaml(readFileSync(file, "utf8"), where).flatMap(strings).flatMap(convgradeCommands) });
    else if (/(\.sh|run_autograder)$/.test(file)) out.push({ where, commands: convgradeCommands(readFileSync(file, "utf8")) });
  }
  for (const block of readmeYamlBlocks())
    out.push({ where: block.where, commands: parseYaml(block.text, block.where).flatMap(strings).flatMap(convgradeCommands) });
  return out;
}

test("the examples and the README's YAML parse, and hold convgrade commands", () => {
  const all = sources();
  const names = all.map((s) => s.where);
  for (const expected of [
    "examples/github-classroom/classroom.yml",
    "examples/gitlab/.gitlab-ci.yml",
    "examples/gradescope/run_autograder",
    "examples/github-actions/grade-class.yml",
  ]) {
    assert.ok(names.includes(expected), `${expected} is checked`);
  }
  assert.ok(all.filter((s) => s.where.startsWith("README.md")).length >= 3, "the README's YAML blocks are checked");
  assert.ok(all.flatMap((s) => s.commands).length >= 10);
});

test("every convgrade command in them exists, with options and values that exist", async () => {
  for (const { where, commands } of sources()) {
    for (const argv of commands) {
      await assert.doesNotReject(parseWithProgram(argv), `${where}: convgrade ${argv.join(" ")}`);
    }
  }
});

test("the checker itself refuses what does not exist", async () => {
  await assert.rejects(parseWithProgram(["check", "--reportr", "json"]));
  await assert.rejects(parseWithProgram(["check", "--reporter", "tap"]));
  await assert.rejects(parseWithProgram(["check", "--min-score", "lots"]));
  await assert.rejects(parseWithProgram(["grade"]), "a missing argument");
  await assert.rejects(parseWithProgram(["regrade", "x"]));
  assert.deepEqual(convgradeCommands("a && npx convgrade check -d x > out.json # comment\nrun: ./node_modules/.bin/convgrade grade c/ --out g"), [
    ["check", "-d", "x"],
    ["grade", "c/", "--out", "g"],
  ]);
});

test("the README and examples/ show the Classroom workflow exactly as `convgrade init` writes it", () => {
  const workflow = readFileSync(join(EXAMPLES, "github-classroom", "classroom.yml"), "utf8");
  assert.equal(workflow, CLASSROOM_WORKFLOW, "examples/github-classroom/classroom.yml differs from what init writes (src/workspace/templates.ts)");
  assert.ok(
    readmeYamlBlocks().some((block) => block.text === workflow),
    "README.md's GitHub Classroom block differs from examples/github-classroom/classroom.yml",
  );
});
