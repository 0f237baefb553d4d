import assert from "node:assert/strict";
import { test } from "node:test";
import { Chalk } from "chalk";
import { renderDiffGrid } from "../../src/report/diff-grid.js";
import { renderFunction, toleranceLine } from "../../src/report/pretty.js";
import type { DiffSlice, FunctionResult } from "../../src/result.js";

const plain = new Chalk({ level: 0 });
const slice: DiffSlice = {
  tensor: "Z",
  index: [0, 2, 5, 1],
  rowAxis: 1,
  colAxis: 2,
  rowName: "nH",
  colName: "nW",
  rowStart: 0,
  colStart: 2,
  expected: Array.from({ length: 5 }, (_, r) => Array.from({ length: 7 }, (_, s) => r + s / 10)),
  got: Array.from({ length: 5 }, (_, r) => Array.from({ length: 7 }, (_, s) => (r === 2 && s === 3 ? -99.5 : r + s / 10))),
  differs: Array.from({ length: 5 }, (_, r) => Array.from({ length: 7 }, (_, s) => r === 2 && s === 3)),
};

test("the grid marks differing cells with * without colour, and fits the width around the worst column", () => {
  for (const width of [40, 80, 200]) {
    const lines = renderDiffGrid(slice, plain, false, width, "      ");
    assert.ok(
      lines.slice(1).every((line) => line.length <= width),
      `${width}: ${lines.join("\n")}`,
    );
    assert.equal(lines.slice(1).filter((line) => line.includes("*")).length, 1, "the one differing cell");
    assert.ok(lines.some((line) => line.includes("-99.5*")));
    assert.match(lines[0], /^ {6}Z\[0, 0:5, \d+:\d+, 1\]: expected \| got/);
    if (width >= 120) assert.match(lines[0], /\(\* outside the tolerance\), nH down, nW across$/);
  }
  assert.equal(renderDiffGrid(slice, plain, false, 200, "").length, 7);
  // At 200 columns all 7 columns show; at 40, fewer, still with the worst one (column 5).
  assert.match(renderDiffGrid(slice, plain, false, 200, "")[0], /2:9/);
  assert.match(renderDiffGrid(slice, plain, false, 40, "")[1], /\b5\b/);
});

test("with colour, differing cells are coloured instead of starred", () => {
  const lines = renderDiffGrid(slice, new Chalk({ level: 1 }), true, 80, "");
  assert.ok(!lines.some((line) => line.includes("*")));
  assert.ok(lines.some((line) => line.includes("\x1b[31m")));
});

const result = (hidden: boolean): FunctionResult => ({
  name: "convForward",
  snakeName: "conv_forward",
  file: "exercises/conv-forward.ts",
  status: "fail",
  score: 1,
  maxScore: 2,
  durationMs: 1,
  gradientChecks: [],
  cases: [
    {
      name: "a",
      status: "fail",
      points: 0,
      maxPoints: 1,
      hidden,
      ...(hidden ? {} : { message: "Z differs", hint: "use the stride", diff: slice, tolerance: { rtol: 1e-5, atol: 1e-8, largestError: 100, ratio: 1e7 } }),
    },
    { name: "b", status: "pass", points: 1, maxPoints: 1, hidden: false, tolerance: { rtol: 1e-5, atol: 1e-8, largestError: 1e-15, ratio: 1e-10 } },
  ],
});

test("pretty shows the grid for a visible case, never for a hidden one, and the tolerance with --verbose", () => {
  const shown = renderFunction(result(false), plain);
  assert.match(shown, /-99\.5\*/);
  assert.doesNotMatch(shown, /tolerance rtol/);
  assert.doesNotMatch(renderFunction(result(true), plain), /expected \| got/);
  const verbose = renderFunction(result(false), plain, { verbose: true, columns: 80 });
  assert.match(verbose, /tolerance rtol 1e-5, atol 1e-8: largest error 100, 1e\+?7 times what it allows/);
  assert.match(verbose, /pass b 1\/1 {2}tolerance rtol 1e-5, atol 1e-8: largest error 1e-15, 1e-10 of what it allows/);
  assert.equal(toleranceLine({ rtol: 1e-5, atol: 0, largestError: 0, ratio: 0 }), "tolerance rtol 1e-5, atol 0: largest error 0, 0 of what it allows");
});
