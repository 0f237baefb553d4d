import assert from "node:assert/strict";
import { test } from "node:test";
import { findExercise } from "../../src/exercises.js";
import type { FixtureCase } from "../../src/fixtures/load.js";
import * as checks from "../../src/grade/check-value.js";
import { renderMismatch } from "../../src/grade/mismatch.js";
import { createMaskFromWindow, poolBackward } from "../../src/reference/index.js";
import type { PoolCache, PoolMode, Tensor4D } from "../../src/types.js";

/** The grader's verdict in words: undefined when the value is accepted. */
const checkValue = (...args: Parameters<typeof checks.checkValue>) => {
  const mismatch = checks.checkValue(...args);
  return mismatch && renderMismatch(mismatch);
};
const mask = findExercise("createMaskFromWindow")!;
const back = findExercise("poolBackward")!;
const kase = (args: unknown[], expected: unknown): FixtureCase => ({
  name: "t",
  args,
  expected,
  points: 1,
  hidden: false,
  siblingCalls: [],
  tolerance: { rtol: 1e-5, atol: 1e-8 },
});

test("createMaskFromWindow on ties: all tied maxima, or exactly one of them; nothing else", () => {
  const x = [
    [3, 1, 3],
    [0, 3, -1],
  ];
  const c = kase([x], createMaskFromWindow(x));
  assert.equal(
    checkValue(mask, c, [
      [true, false, true],
      [false, true, false],
    ]),
    undefined,
    "all tied",
  );
  assert.equal(
    checkValue(mask, c, [
      [false, false, true],
      [false, false, false],
    ]),
    undefined,
    "one tied",
  );
  assert.equal(
    checkValue(mask, c, [
      [0, 0, 0],
      [0, 1, 0],
    ]),
    undefined,
    "one tied, as 0/1",
  );
  assert.match(
    checkValue(mask, c, [
      [true, false, true],
      [false, false, false],
    ]) ?? "",
    /mask differs at 1 of 6 elements/,
    "two of three",
  );
  assert.match(
    checkValue(mask, c, [
      [false, true, false],
      [false, false, false],
    ]) ?? "",
    /mask differs/,
    "one cell, not a maximum",
  );
  assert.match(
    checkValue(mask, c, [
      [false, false, false],
      [false, false, false],
    ]) ?? "",
    /mask differs/,
    "none",
  );
  // Without a tie the one maximum is the only answer.
  const single = [
    [1, 2],
    [0, -1],
  ];
  assert.match(
    checkValue(mask, kase([single], createMaskFromWindow(single)), [
      [true, true],
      [false, false],
    ]) ?? "",
    /mask differs/,
  );
});

/** A (1, 2, 4, 1) input pooled by 2x2 windows at stride 2: window 0 has a three-way tie, window 1 none. */
const APrev: Tensor4D = [
  [
    [[5], [5], [1], [2]],
    [[5], [0], [7], [3]],
  ],
];
const dA: Tensor4D = [[[[2], [-3]]]];

function poolCase(A: Tensor4D, d: Tensor4D, hp: { f: number; stride: number }, mode?: PoolMode): FixtureCase {
  const cache: PoolCache = [A, hp];
  return kase(mode ? [d, cache, mode] : [d, cache], poolBackward(d, cache, mode));
}

test("poolBackward in max mode on ties: the gradient to all tied cells, or to exactly one", () => {
  const c = poolCase(APrev, dA, { f: 2, stride: 2 }, "max");
  assert.deepEqual(c.expected, [
    [
      [[2], [2], [0], [0]],
      [[2], [0], [-3], [0]],
    ],
  ]);
  assert.equal(checkValue(back, c, c.expected), undefined, "all tied");
  assert.equal(
    checkValue(back, c, [
      [
        [[0], [2], [0], [0]],
        [[0], [0], [-3], [0]],
      ],
    ]),
    undefined,
    "the second tied cell only",
  );
  assert.equal(
    checkValue(back, c, [
      [
        [[0], [0], [0], [0]],
        [[2], [0], [-3], [0]],
      ],
    ]),
    undefined,
    "the last tied cell only",
  );
  const split = checkValue(back, c, [
    [
      [[1], [1], [0], [0]],
      [[0], [0], [-3], [0]],
    ],
  ]);
  assert.match(split ?? "", /dAPrev differs from the expected values/, "split between two tied cells");
  assert.match(
    checkValue(back, c, [
      [
        [[2], [2], [0], [0]],
        [[2], [0], [0], [-3]],
      ],
    ]) ?? "",
    /dAPrev differs/,
    "the untied window is still checked",
  );
  // The mode omitted is max too; in average mode nothing about ties applies.
  assert.equal(
    checkValue(back, poolCase(APrev, dA, { f: 2, stride: 2 }), [
      [
        [[2], [0], [0], [0]],
        [[0], [0], [-3], [0]],
      ],
    ]),
    undefined,
  );
  const average = poolCase(APrev, dA, { f: 2, stride: 2 }, "average");
  assert.match(
    checkValue(back, average, [
      [
        [[2], [0], [0], [0]],
        [[0], [0], [-3], [0]],
      ],
    ]) ?? "",
    /dAPrev differs/,
  );
});

test("poolBackward with overlapping tied windows: all, or the first, or the last tied cell of every window", () => {
  // f 2, stride 1 over a row of equal values: the windows share tied cells.
  const A: Tensor4D = [
    [
      [[1], [1], [1]],
      [[1], [1], [1]],
    ],
  ];
  const d: Tensor4D = [[[[1], [10]]]];
  const c = poolCase(A, d, { f: 2, stride: 1 }, "max");
  assert.equal(checkValue(back, c, c.expected), undefined);
  assert.equal(
    checkValue(back, c, [
      [
        [[1], [10], [0]],
        [[0], [0], [0]],
      ],
    ]),
    undefined,
    "first of each",
  );
  assert.equal(
    checkValue(back, c, [
      [
        [[0], [0], [0]],
        [[0], [1], [10]],
      ],
    ]),
    undefined,
    "last of each",
  );
  assert.match(
    checkValue(back, c, [
      [
        [[11], [0], [0]],
        [[0], [0], [0]],
      ],
    ]) ?? "",
    /dAPrev differs/,
  );
});
