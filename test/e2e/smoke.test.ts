/**
 * End-to-end smoke set for `npm run test:quick`: a few sample submissions, one or two of each kind of
 * outcome, each through the real CLI with every reporter, checked against its expected.json and with
 * every reporter agreeing with json. submissions.test.ts and ci-reporters.test.ts do the same for every
 * sample; in a full run these samples are graded once for all three (graded-samples.ts).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { checkReport } from "../helpers/check-report.js";
import { gradedSample } from "../helpers/graded-samples.js";
import { JunitBatch } from "../helpers/junit.js";
import { checkAgreement, outputsOf } from "../helpers/reporter-agreement.js";
import { discoverSamples, removeTestCache } from "../helpers/samples.js";

/** Each chosen for a path of its own through the grader. */
const SMOKE = [
  "pass/loops", // full marks, gradient checks included
  "fail/conv-forward-stride-left-out", // a classic mistake, named by its hint
  "fail/pool-backward-assigns-instead-of-adds", // a failing gradient check
  "error/stubs", // nothing implemented
  "error/syntax-error", // could not be graded, with the learner's file and line
  "error/missing-file", // a missing file, and a function that imports it
  "hostile/fake-report", // learner output kept off stdout, shown as output
  "hostile/inject-terminal", // escape sequences made inert in every reporter
];

after(removeTestCache);
const junitBatch = new JunitBatch();

describe("smoke: a few samples of every outcome", { concurrency: 2 }, () => {
  const samples = discoverSamples().filter((sample) => SMOKE.includes(sample.name));
  test("every smoke sample exists", () => assert.deepEqual(samples.map((sample) => sample.name).sort(), [...SMOKE].sort()));
  for (const sample of samples) {
    test(`${sample.name}: ${sample.expected.description}`, async () => {
      const graded = await gradedSample(sample);
      checkReport(sample, graded.run);
      await checkAgreement(outputsOf(graded, sample.name), sample.name, junitBatch);
    });
  }
});

test("smoke: the JUnit XML is valid against the schema (validated together)", () => junitBatch.assertAllValid());
