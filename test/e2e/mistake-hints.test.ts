// Hints on code the mistake variants were not made from: the fail/ samples, written as a learner would
// (slices that stop at the edge, '=' only where the mask is true, map/reduce, rows shared by fill, ...).
// Each makes one mistake; the figure printed is how many samples get a hint naming it (by fingerprint or
// by the grader's diagnosis over the visible cases), and how many one naming another mistake. The samples' JSON reports are
// those submissions.test.ts checks, graded once per test run (graded-samples.ts).

import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { Report } from "../helpers/check-report.js";
import { gradedSample } from "../helpers/graded-samples.js";
import { discoverSamples, removeTestCache, type Sample } from "../helpers/samples.js";

after(removeTestCache);

/** The mistake each fail/ sample makes, by its key in MISTAKES; null: one the fingerprints do not cover. */
const MISTAKE_OF: Record<string, string | null> = {
  "conv-backward-db-not-summed-over-batch": "dbNotSummedOverBatch",
  "conv-backward-dw-float32": "float32",
  "conv-backward-dw-from-unpadded-slices": "dWFromUnpadded",
  "conv-backward-not-unpadded": "notUnpadded",
  "conv-backward-stride-left-out": "strideBackward",
  "conv-backward-unpad-with-slice": "unpadSliceAtPadZero",
  // The cache holds the padded input, the input itself untouched: not a listed mistake.
  "conv-forward-cache-holds-padded": null,
  "conv-forward-ceil": "ceil",
  "conv-forward-hard-coded-pad": "hardCodedPad",
  "conv-forward-hard-coded-stride": "hardCodedStride",
  "conv-forward-hparameters-by-position": "hpPositionalPadFirst",
  "conv-forward-nh-nw-swapped": "swappedHW",
  "conv-forward-nhprev-for-nh": "nHPrevForNH",
  "conv-forward-pads-aprev-in-place": "inPlace",
  "conv-forward-same-bias-every-channel": "sameBias",
  "conv-forward-stride-left-out": "strideForward",
  "conv-single-step-bias-inside-sum": "biasInsideSum",
  "conv-single-step-bias-not-reduced": "biasNotReduced",
  "conv-single-step-float32": "float32",
  "create-mask-max-from-zero": "maxFromZero",
  "create-mask-single-row": "maskOfOneRow",
  "distribute-value-divides-by-sum": "dividedBySum",
  "distribute-value-forgets-dz": "dzForgotten",
  "distribute-value-rounds-share": "roundedShare",
  "pool-backward-assigns-instead-of-adds": "assignInsteadOfAdd",
  "pool-backward-average-not-divided": "averageNotDivided",
  "pool-backward-ignores-mode": "modeIgnored",
  "pool-backward-modifies-da": "inPlace",
  "pool-backward-stride-left-out": "strideBackward",
  "pool-forward-average-filter-boolean": "zerosDropped",
  "pool-forward-average-fround": "float32",
  "pool-forward-hparameters-by-position": "hpPositionalPadFirst",
  "pool-forward-ignores-mode": "modeIgnored",
  "pool-forward-max-from-zero": "maxFromZero",
  "pool-forward-nh-nw-swapped": "swappedHW",
  "pool-forward-stride-left-out": "strideForward",
  "zero-pad-batch-axis": "paddedBatch",
  "zero-pad-channel-axis": "paddedChannels",
  "zero-pad-one-side": "paddedOneSide",
  "zero-pad-writes-into-x": "inPlace",
  // Issue 15: mistakes the grader diagnoses from relations, shapes, failed cases and shared rows.
  "conv-backward-stride-left-out-windows": "strideBackward",
  "conv-forward-example-zero-everywhere": "sameExample",
  "conv-forward-math-round": "roundForSize",
  "conv-forward-no-bias": "biasLeftOut",
  "conv-forward-output-transposed": "transposedHW",
  "conv-forward-rows-filled-with-one-row": "sharedRows",
  "conv-forward-w-channel-axes-swapped": "wChannelAxesSwapped",
  "conv-single-step-no-bias": "biasLeftOut",
  "create-mask-rows-filled-with-one-row": "sharedRows",
  "create-mask-running-maximum": "runningMaxMarks",
  "distribute-value-never-divides": "averageNotDivided",
  "pool-backward-mode-without-default": "modeNoDefault",
  "pool-backward-tie-split": "tieSplit",
  "pool-forward-average-to-fixed": "rounded",
  "pool-forward-ceil-cut-windows": "ceil",
  "pool-forward-mode-without-default": "modeNoDefault",
  "pool-forward-no-plus-one": "noPlusOne",
  "zero-pad-rows-filled-with-one-row": "sharedRows",
};

// No time-out of its own: in a full run the samples may be graded by other files first, and each grading
// is bounded already (the CLI is killed after CLI_KILL_MS, a wait for another file's grading soon after).
test("the fail/ samples get the hint of their own mistake, and never another's (the figure is printed)", async () => {
  const all = discoverSamples().filter((s) => s.name.startsWith("fail/"));
  assert.deepEqual(
    all.map((s) => s.name.slice(5)).filter((name) => MISTAKE_OF[name] === undefined),
    [],
    "a fail/ sample is missing from MISTAKE_OF",
  );
  const samples = all.filter((s) => MISTAKE_OF[s.name.slice(5)] !== null);
  const named: string[] = [];
  const wrong: string[] = [];
  const missed: string[] = [];
  const grade = async (sample: Sample) => {
    const mistake = MISTAKE_OF[sample.name.slice(5)];
    const { run } = await gradedSample(sample);
    assert.equal(run.code, 1, `${sample.name}: exit code; stderr:\n${run.stderr.slice(0, 2000)}`);
    // The function the sample gets wrong: the first its expected.json names.
    const name = Object.keys(sample.expected.functions)[0];
    const own = (JSON.parse(run.stdout) as Report).functions.find((f) => f.name === name);
    assert.ok(own, `${sample.name}: no ${name} in the report`);
    const mistakes = own.cases.flatMap((c) => (c.mistake ? [c.mistake] : []));
    for (const other of mistakes.filter((m) => m !== mistake)) wrong.push(`${sample.name}: ${other}`);
    (mistake && mistakes.includes(mistake) ? named : missed).push(sample.name);
  };
  // Two at a time, as the other files ask for them.
  const queue = [...samples];
  await Promise.all(
    [0, 1].map(async () => {
      for (let sample = queue.shift(); sample; sample = queue.shift()) await grade(sample);
    }),
  );
  const covered = samples.length;
  console.log(
    `independent fail/ samples whose own mistake is named: ${named.length} of ${covered}; named wrongly: ${wrong.length}` +
      `${missed.length ? `; missed: ${missed.join(", ")}` : ""}`,
  );
  assert.deepEqual(wrong, []);
  assert.deepEqual(missed, []);
});
