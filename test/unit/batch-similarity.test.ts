// The similarity report: tokens that ignore names, comments and layout; a copy with renamed variables
// flagged, with its shared code side by side; independent correct solutions, the exercise stubs and a
// one-liner everyone writes never flagged; learner code escaped in the report.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { PACKAGE_EXERCISES, submissionSources } from "../../src/batch/similarity.ts";
import { parseCsv } from "../../src/report/gradebook-csv.ts";
import { FLAG_SIMILARITY, type SimilaritySource, similarPairs, tokenize } from "../../src/report/similarity.ts";
import { similarityCsv, similaritySection } from "../../src/report/similarity-html.ts";
import { byId, parseHtml, textOf } from "../helpers/html.js";
import { SAMPLES_DIR } from "../helpers/samples.js";

const loops = submissionSources(join(SAMPLES_DIR, "pass/loops"));
const functional = submissionSources(join(SAMPLES_DIR, "pass/functional"));
const stubs = submissionSources(PACKAGE_EXERCISES);
/** loops with every name changed, its comments rewritten and its layout changed: what a copier does. */
const disguised = loops.map((f) => ({
  ...f,
  source: f.source
    .replace(/\bnH\b/g, "rows")
    .replace(/\bnW\b/g, "cols")
    .replace(/\b([a-z])([A-Z]\w*)\b/g, "my$2")
    .replace(/\/\/.*$/gm, "// written by me")
    .replace(/\n/g, "\n\n"),
}));
const pairOf = (pairs: ReturnType<typeof similarPairs>, a: string, b: string) =>
  pairs.find((p) => (p.left === a && p.right === b) || (p.left === b && p.right === a));

test("tokens: names, numbers and strings by kind, comments and layout dropped, each token placed on its line", () => {
  const a = tokenize("let total = 0; // sum\nfor (const x of xs) total += x * 2;");
  const b = tokenize("let   s=0 /* other */\n\n\nfor(const item of list)s+=item*3");
  assert.deepEqual(a.tokens, ["let", "id", "=", "num", ";", "for", "(", "const", "id", "of", "id", ")", "id", "+=", "id", "*", "num", ";"]);
  assert.deepEqual(
    b.tokens.filter((t) => t !== ";"),
    a.tokens.filter((t) => t !== ";"),
  );
  assert.equal(a.mapping[5].startRow, 1, "for is on the second line");
  assert.equal(b.mapping[4].startRow, 3);
  // A string or comment that never ends, or any text at all, still ends the lexer.
  assert.ok(tokenize('"open\n`tick\n/* never closed').tokens.length > 0);
  assert.equal(tokenize("\u0000\u202e§").tokens.length, 3);
});

test("a disguised copy is flagged, with the shared code side by side; independent correct solutions are not", () => {
  const sources: SimilaritySource[] = [
    { name: "loops", files: loops },
    { name: "functional", files: functional },
    { name: "disguised", files: disguised },
  ];
  const pairs = similarPairs(sources, stubs);
  const copy = pairOf(pairs, "loops", "disguised")!;
  assert.ok(copy.similarity >= 0.95, `${copy.similarity}`);
  assert.ok(copy.fragments.length > 0);
  const [fragment] = copy.fragments;
  assert.match(fragment.left.file, /\.ts$/);
  assert.ok(fragment.left.text.length > 0 && fragment.right.text.length > 0);
  assert.ok(fragment.left.text.includes("nH") !== fragment.right.text.includes("nH") || fragment.left.text !== fragment.right.text, "each side its own text");
  const independent = pairOf(pairs, "loops", "functional");
  assert.ok(!independent || independent.similarity < 0.1, `${independent?.similarity}`);
  assert.deepEqual(
    pairs.filter((p) => p.similarity >= FLAG_SIMILARITY).map((p) => [p.left, p.right]),
    [["disguised", "loops"]],
  );
});

test("the stubs are template code: two learners who changed nothing share nothing that counts", () => {
  const pairs = similarPairs(
    [
      { name: "a", files: stubs },
      { name: "b", files: stubs },
      { name: "loops", files: loops },
    ],
    stubs,
  );
  assert.equal(pairOf(pairs, "a", "b"), undefined);
  // Without the template, the same two would be identical.
  assert.equal(
    pairOf(
      similarPairs(
        [
          { name: "a", files: stubs },
          { name: "b", files: stubs },
        ],
        [],
      ),
      "a",
      "b",
    )?.similarity,
    1,
  );
});

test("a one-liner everyone converges on does not make independent solutions alike; code nearly everyone shares is ignored", () => {
  const oneLiner = functional.find((f) => f.path === "distribute-value.ts")!;
  // loops with functional's distributeValue: the two now share that function exactly.
  const mixed = loops.map((f) => (f.path === "distribute-value.ts" ? oneLiner : f));
  const pairs = similarPairs(
    [
      { name: "functional", files: functional },
      { name: "mixed", files: mixed },
    ],
    stubs,
  );
  const shared = pairOf(pairs, "functional", "mixed");
  assert.ok(!shared || shared.similarity < 0.1, `${shared?.similarity}`);
  // Six solutions with only that function in common: over the limit of submissions per fingerprint, it counts for none.
  // Six solutions with only that function in common, each with code of its own after it (a made-up
  // stream of statements, different in every one): over the limit of submissions per fingerprint, the
  // one-liner counts for nothing; under it, it makes them alike.
  const six = Array.from({ length: 6 }, (_, k) => ({ name: `s${k}`, files: [oneLiner, { path: "own.ts", source: ownCode(k) }] }));
  const most = (limit: number) => Math.max(0, ...similarPairs(six, stubs, { maxSubmissionsPerFingerprint: limit }).map((p) => p.similarity));
  assert.ok(most(5) < 0.1, `${most(5)}`);
  assert.ok(most(6) > 2 * most(5), `${most(6)} against ${most(5)}`);
});

/** Statements drawn by a small seeded generator: a token stream no other seed shares for long. */
function ownCode(seed: number): string {
  let state = seed + 1;
  const next = (n: number) => {
    state = (state * 48271) % 2147483647; // Park and Miller's: exact in doubles
    return state % n;
  };
  const operators = ["+", "-", "*", "/", "%", "&&", "||", "<", ">", "==="];
  const statements = Array.from({ length: 60 }, () => {
    const kind = next(4);
    const op = operators[next(operators.length)];
    if (kind === 0) return `let v = a ${op} ${next(9)};`;
    if (kind === 1) return `if (a ${op} b) { c(); }`;
    if (kind === 2) return `for (const x of xs) y ${op}= x;`;
    return `return [a, ${next(9)}] ${op} b;`;
  });
  return `export function own() {\n${statements.join("\n")}\n}`;
}

test("similarity.csv and the report section: learner names and code are text, never markup or formulas", () => {
  const hostile = (source: string) => [{ path: "zero-pad.ts", source: `${source}\n${loops[0].source}` }];
  const pairs = similarPairs(
    [
      { name: "=cmd|' /C calc'!A0", files: hostile("// </div><script>alert(1)</script>") },
      { name: "<img src=x onerror=alert(1)>", files: hostile("// </td></tr><iframe>") },
    ],
    stubs,
  );
  assert.equal(pairs.length, 1);
  const [header, row] = parseCsv(similarityCsv(pairs), "similarity.csv");
  assert.deepEqual(header, ["left", "right", "similarity", "flagged", "longestFragment", "fragments"]);
  assert.ok(row.every((cell) => !/^[=+\-@]/.test(cell)));
  assert.equal(row[3], "yes");
  const html = `<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>${similaritySection(pairs, 2)}</body></html>`;
  const parsed = parseHtml(html);
  assert.deepEqual(parsed.errors, []);
  assert.ok(!parsed.elements.some((e) => ["script", "img", "iframe"].includes(e.tagName)));
  assert.ok(textOf(byId(parsed, "similar-pairs")!).includes("<img src=x onerror=alert(1)>"));
  assert.ok(html.includes("&lt;/div&gt;&lt;script&gt;") || !html.includes("script>"), "the comment shown as text");
});
