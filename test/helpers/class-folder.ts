/** A class folder for batch grading, built from the sample submissions (see samples.ts). */
import { mkdtempSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSubmission, discoverSamples, type Sample } from "./samples.js";

/** Builds a fresh class folder: one subfolder per entry, named as given, holding that sample's files. */
export function buildClass(entries: readonly { name: string; sample: string }[]): string {
  const samples = new Map(discoverSamples().map((sample) => [sample.name, sample]));
  const dir = mkdtempSync(join(tmpdir(), "convgrade-class-"));
  for (const { name, sample } of entries) {
    const found = samples.get(sample);
    if (!found) throw new Error(`no sample ${sample}`);
    renameSync(buildSubmission(found), join(dir, name));
  }
  return dir;
}

/** Samples whose outcome is known and quick: pass/ and fail/. */
export function quickSamples(): Sample[] {
  return discoverSamples().filter((sample) => sample.name.startsWith("pass/") || sample.name.startsWith("fail/"));
}
