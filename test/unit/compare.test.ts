import assert from "node:assert/strict";
import { test } from "node:test";
import * as compare from "../../src/grade/compare.js";
import { formatNumber, hintHelps, type Mismatch, renderDifference, renderMismatch } from "../../src/grade/mismatch.js";
import { allowedError, toleranceRatio, withinTolerance } from "../../src/grade/tolerance.js";

// The words of a comparison, as the learner reads them (comparison returns data; see mismatch.ts).
const words = (m: Mismatch | undefined) => (m ? renderMismatch(m) : undefined);
const compareTensor = (...args: Parameters<typeof compare.compareTensor>) => words(compare.compareTensor(...args));
const compareScalar = (...args: Parameters<typeof compare.compareScalar>) => words(compare.compareScalar(...args));
const firstDifference = (got: unknown, original: unknown) => {
  const d = compare.firstDifference(got, original);
  return d ? renderDifference(d) : undefined;
};

const tolerance = { rtol: 1e-5, atol: 1e-8 };
const Z = [
  [
    [1, 2],
    [3, 4],
  ],
  [
    [5, 6],
    [7, 8],
  ],
];

test("an equal tensor passes, and so does one within numpy's allclose tolerance", () => {
  assert.equal(compareTensor(structuredClone(Z), Z, { name: "Z", tolerance }), undefined);
  const close = structuredClone(Z);
  close[1][1][1] = 8 * (1 + 9e-6);
  assert.equal(compareTensor(close, Z, { name: "Z", tolerance }), undefined);
});

test("the tolerance rule: |got - expected| <= atol + rtol·|expected|, its ratio, and infinite tolerances", () => {
  assert.equal(allowedError(-1000, tolerance), 1e-8 + 1e-2);
  assert.equal(withinTolerance(1000.00999, 1000, tolerance), true);
  assert.equal(withinTolerance(1000.0101, 1000, tolerance), false);
  assert.equal(withinTolerance(1e-8, 0, tolerance), true, "atol alone at 0");
  assert.equal(withinTolerance(Number.NaN, 0, tolerance), false);
  assert.equal(toleranceRatio(0.005, 1000, { rtol: 1e-5, atol: 0 }), 0.5);
  assert.equal(toleranceRatio(1e-9, 0, { rtol: 1e-5, atol: 0 }), Number.POSITIVE_INFINITY, "nothing allowed, something off");
  assert.equal(toleranceRatio(0, 0, { rtol: 1e-5, atol: 0 }), 0);
  // A check of shape alone (gradient checks): every number passes, 0 included (Infinity·0 is NaN).
  const anything = { rtol: Number.POSITIVE_INFINITY, atol: Number.POSITIVE_INFINITY };
  assert.equal(withinTolerance(123, 0, anything), true);
  assert.equal(compareTensor([[1e300, -5]], [[0, 1]], { name: "dW", tolerance: anything }), undefined);
});

test("a value just outside rtol fails with the worst index, expected, got, and the count", () => {
  const got = structuredClone(Z);
  got[1][0][1] = 6.5;
  got[0][1][0] = 3.1;
  const message = compareTensor(got, Z, { name: "Z", tolerance });
  assert.equal(message, "Z differs from the expected values at 2 of 8 elements; the largest error is 0.5 at [1,0,1]: expected 6, got 6.5");
  got[0][1][0] = 3 * (1 + 2e-5);
  assert.match(compareTensor(got, Z, { name: "Z", tolerance }) ?? "", /at 2 of 8 elements/);
});

test("a wrong length names the axis and both shapes", () => {
  const got = [Z[0], Z[1], Z[1]];
  assert.equal(
    compareTensor(got, Z, { name: "Z", tolerance, axes: ["m", "nH", "nW"] }),
    "Z has shape (3,2,2), expected (2,2,2): axis 0 (m) has length 3, expected 2",
  );
});

test("a wrong rank is reported as a shape with the number of axes", () => {
  assert.match(compareTensor([[1, 2]], Z, { name: "Z", tolerance }) ?? "", /has shape \(1,2\), expected \(2,2,2\): it has 2 axes instead of 3/);
  assert.match(compareTensor([[[[1]]]], [[[1]]], { name: "Z", tolerance }) ?? "", /4 axes instead of 3/);
});

test("ragged arrays, non-numbers, NaN and holes are reported with their index", () => {
  const ragged = structuredClone(Z) as unknown[][][];
  ragged[1][1] = [7];
  assert.match(compareTensor(ragged, Z, { name: "Z", tolerance }) ?? "", /Z is ragged: Z\[1,1\] has length 1, expected 2/);
  const text = structuredClone(Z) as unknown[][][];
  text[0][1][1] = "4";
  assert.equal(compareTensor(text, Z, { name: "Z", tolerance }), 'Z[0,1,1] is a string ("4"), expected a number');
  const nan = structuredClone(Z);
  nan[1][1][0] = Number.NaN;
  assert.equal(compareTensor(nan, Z, { name: "Z", tolerance }), "Z[1,1,0] is NaN, expected 7");
  const hole = structuredClone(Z) as unknown[][][];
  hole[0][0][1] = { $wire: "hole" };
  assert.equal(compareTensor(hole, Z, { name: "Z", tolerance }), "Z[0,0,1] is empty (a hole in the array), expected a number");
  const infinite = structuredClone(Z);
  infinite[0][0][0] = -Infinity;
  assert.match(compareTensor(infinite, Z, { name: "Z", tolerance }) ?? "", /Z\[0,0,0\] is -Infinity/);
});

test("untrusted structures: cycles, promises and objects are described, never crash", () => {
  assert.match(compareTensor({ $wire: "promise" }, Z, { name: "Z", tolerance }) ?? "", /but it is a Promise/);
  const cyclic = [[{ $wire: "cycle" }, [1, 2]], Z[1]];
  assert.match(compareTensor(cyclic, Z, { name: "Z", tolerance }) ?? "", /cyclic/);
  assert.match(compareTensor(new Map() as unknown, Z, { name: "Z", tolerance }) ?? "", /unsupported value/);
});

test("masks accept booleans and 0/1 and report the first differing element", () => {
  const expected = [
    [true, false],
    [false, false],
  ];
  assert.equal(
    compareTensor(
      [
        [1, 0],
        [0, 0],
      ],
      expected,
      { name: "mask", tolerance, booleans: true },
    ),
    undefined,
  );
  assert.equal(
    compareTensor(
      [
        [true, false],
        [true, false],
      ],
      expected,
      { name: "mask", tolerance, booleans: true },
    ),
    "mask differs at 1 of 4 elements; first at [1,0]: expected false, got true",
  );
  assert.match(
    compareTensor(
      [
        [2, 0],
        [0, 0],
      ],
      expected,
      { name: "mask", tolerance, booleans: true },
    ) ?? "",
    /mask\[0,0\] is the number 2, expected a boolean/,
  );
});

test("scalars: a plain number is required and compared with the tolerance", () => {
  assert.equal(compareScalar(-6.999089450680221, -6.99908945, { name: "Z", tolerance }), undefined);
  assert.equal(
    compareScalar([[[-6.9990894]]], -6.9990894, { name: "Z", tolerance }),
    "Z should be a plain number, but it is an array of shape (1,1,1); reduce it to a number",
  );
  assert.match(compareScalar(-6.5, -6.9990894, { name: "Z", tolerance }) ?? "", /Z is -6.5, expected -6.9990894/);
});

test("firstDifference finds the first changed element, key, or length", () => {
  assert.equal(firstDifference(structuredClone(Z), Z), undefined);
  const changed = structuredClone(Z);
  changed[1][0][1] = 0;
  assert.equal(firstDifference(changed, Z), "at [1,0,1] (was the number 6, now the number 0)");
  const hp = {
    $wire: "object",
    ctor: "Object",
    entries: [
      ["stride", 1],
      ["pad", 0],
    ],
  };
  assert.equal(firstDifference(hp, { stride: 2, pad: 0 }), 'at key "stride" (was the number 2, now the number 1)');
  assert.equal(
    firstDifference([[1], { $wire: "object", ctor: "Object", entries: [["f", 2]] }], [[1], { f: 2, stride: 1 }]),
    'at [1]: its key "stride" is missing',
  );
  assert.equal(
    firstDifference(
      {
        $wire: "object",
        ctor: "Object",
        entries: [
          ["stride", 2],
          ["pad", 0],
        ],
      },
      { stride: 2, pad: 0 },
    ),
    undefined,
  );
  assert.match(firstDifference([[1, 2, 3]], [[1, 2]]) ?? "", /length 3 instead of 2/);
});

test("numbers are printed with up to 8 significant digits", () => {
  assert.equal(formatNumber(3.3628673812345), "3.3628674");
  assert.equal(formatNumber(1e-12), "1e-12");
  assert.equal(formatNumber(2.345678e-9), "2.346e-9");
  assert.equal(formatNumber(Number.NaN), "NaN");
});

test("an empty row is a shape problem on its axis", () => {
  assert.equal(
    compareTensor(
      [[], []],
      [
        [1, 2],
        [3, 4],
      ],
      { name: "a", tolerance, axes: ["nH", "nW"] },
    ),
    "a has shape (2,0), expected (2,2): axis 1 (nW) has length 0, expected 2",
  );
});

test("comparison returns data: kind, tensor, index, expected, got and counts", () => {
  const got = structuredClone(Z);
  got[1][0][1] = 6.5;
  assert.deepEqual(compare.compareTensor(got, Z, { name: "Z", tolerance }), {
    kind: "values",
    tensor: "Z",
    differing: 1,
    total: 8,
    index: [1, 0, 1],
    expected: 6,
    got: 6.5,
    error: 0.5,
    // The visual diff's 2-D slice around the worst element: axes 0 and 1, axis 2 fixed at 1.
    slice: {
      tensor: "Z",
      index: [1, 0, 1],
      rowAxis: 0,
      colAxis: 1,
      rowStart: 0,
      colStart: 0,
      expected: [
        [2, 4],
        [6, 8],
      ],
      got: [
        [2, 4],
        [6.5, 8],
      ],
      differs: [
        [false, false],
        [true, false],
      ],
    },
  });
  assert.deepEqual(compare.compareTensor([Z[0]], Z, { name: "Z", tolerance, axes: ["m", "nH", "nW"] }), {
    kind: "axis-length",
    tensor: "Z",
    shape: [1, 2, 2],
    expectedShape: [2, 2, 2],
    at: { axis: 0, name: "m" },
  });
  assert.deepEqual(compare.firstDifference([[1, 2]], [[1, 3]]), { kind: "changed", path: [0, 1], was: 3, now: 2 });
});

test("the diff slice: height and width of a 4-D tensor, at most 7 cells each way, shifted to stay inside", () => {
  const expected = [Array.from({ length: 10 }, (_, h) => Array.from({ length: 12 }, (_, w) => [h * 100 + w, 0]))];
  const got = structuredClone(expected);
  got[0][9][1][0] = -1;
  const m = compare.compareTensor(got, expected, { name: "Z", tolerance, axes: ["m", "nH", "nW", "nC"] });
  assert.equal(m?.kind, "values");
  const slice = m?.kind === "values" ? m.slice : undefined;
  assert.deepEqual([slice?.rowAxis, slice?.colAxis, slice?.rowName, slice?.colName, slice?.rowStart, slice?.colStart], [1, 2, "nH", "nW", 3, 0]);
  assert.equal(slice?.expected.length, 7);
  assert.equal(slice?.expected[0].length, 7);
  assert.equal(slice?.got[6][1], -1);
  assert.deepEqual(slice?.differs.flat().filter(Boolean).length, 1);
  // db (1,1,1,nC): the one long axis, beside another.
  const db = [[[[1, 2, 3]]]];
  const dbSlice = compare.compareTensor([[[[1, 2, 4]]]], db, { name: "db", tolerance });
  assert.deepEqual(dbSlice?.kind === "values" && [dbSlice.slice?.rowAxis, dbSlice.slice?.colAxis, dbSlice.slice?.got], [1, 3, [[1, 2, 4]]]);
});

test("stats: the largest error, and its ratio to what the tolerance allows", () => {
  const stats = { largestError: 0, ratio: 0 };
  assert.equal(compare.compareTensor([[1, 2 + 1e-6]], [[1, 2]], { name: "x", tolerance, stats }), undefined);
  assert.ok(Math.abs(stats.largestError - 1e-6) < 1e-12);
  assert.ok(Math.abs(stats.ratio - 1e-6 / (1e-8 + 2e-5)) < 1e-6);
});

test("hints are chosen by kind: none for a value that cannot be graded, whatever a string says", () => {
  const notArray = (got: unknown) => compare.compareTensor(got, Z, { name: "Z", tolerance })!;
  assert.equal(hintHelps(notArray({ $wire: "promise" })), false);
  assert.equal(hintHelps(notArray({ $wire: "too-large", count: 2e6, limit: 1e6 })), false);
  assert.equal(hintHelps(notArray([[{ $wire: "cycle" }, [1, 2]], Z[1]])), false);
  assert.equal(hintHelps(notArray("a Promise")), true, "a learner's string is data, not a kind");
  assert.equal(hintHelps(notArray(3)), true);
  const deep = { kind: "argument-modified" as const, arg: "X", difference: { kind: "too-deep" as const, path: [0] } };
  assert.equal(hintHelps(deep), false);
  assert.equal(firstDifference([[[1, 2]]], [[[1, 3]]]), "at [0,0,1] (was the number 3, now the number 2)");
  assert.equal(
    firstDifference([1, { $wire: "object", ctor: "Object", entries: [["stride", 1]] }], [1, { stride: 2 }]),
    'at [1], key "stride" (was the number 2, now the number 1)',
  );
});
