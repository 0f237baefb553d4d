/**
 * Builds gradebook.csv and report.html from the stored results of a batch, one submission at a time:
 * what is held in memory is the class's statistics (bounded by the fixtures) and one stored result, so
 * a class of 10,000 costs what a class of 1,000 does. Each file is written whole beside its place and
 * renamed into it (durable-file.ts): a kill while building leaves the previous file.
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { HarnessError } from "../errors.js";
import { CLASS_REPORT_TAIL, ClassStats, classReportHead, submissionRowHtml } from "../report/class-html.js";
import { csvText, gradebookHeader, gradebookRow } from "../report/gradebook-csv.js";
import { inline } from "../report/sanitize.js";
import type { SubmissionSummary } from "../report/submission-summary.js";
import type { GradedFunction } from "../result.js";
import { DurableFile } from "./durable-file.js";
import { CLASS_REPORT_FILE, GRADEBOOK_FILE, REPORTS_FOLDER } from "./outputs.js";
import { reportFileName } from "./report-name.js";
import type { ResultStore } from "./result-store.js";

export interface ClassFilesInput {
  /** the class folder, as shown */
  dir: string;
  functions: GradedFunction[];
  maxScore: number;
  /** the batch key every stored result must carry */
  batch: string;
  /** the submissions, in name order */
  names: readonly string[];
  /** a section for the class report, placed before its table of submissions (HTML) */
  extraSection?: string;
}

/** Writes gradebook.csv and report.html from the stored results, then removes reports and stored results of submissions no longer in the batch. */
export function writeClassFiles(out: string, store: ResultStore, input: ClassFilesInput): void {
  const summaryOf = (name: string): SubmissionSummary => {
    const stored = store.read(name);
    // Every name was graded or verified moments ago: a stored result gone or changed since is the machine's fault.
    if (typeof stored === "string" || stored.batch !== input.batch) {
      throw new HarnessError(
        "INTERNAL",
        `the stored result of ${inline(name)} changed while the gradebook was built (${typeof stored === "string" ? stored : "other batch"})`,
      );
    }
    return stored.summary;
  };
  const gradebook = new DurableFile(join(out, GRADEBOOK_FILE));
  let html: DurableFile | undefined;
  try {
    const stats = new ClassStats();
    gradebook.write(csvText([gradebookHeader(input.functions)]));
    for (const name of input.names) {
      const summary = summaryOf(name);
      gradebook.write(csvText([gradebookRow(summary, input.functions, input.maxScore)]));
      stats.add(summary);
    }
    html = new DurableFile(join(out, CLASS_REPORT_FILE));
    html.write(classReportHead(input, stats));
    for (const name of input.names) html.write(submissionRowHtml(summaryOf(name), input.functions));
    html.write(CLASS_REPORT_TAIL);
  } catch (error) {
    gradebook.abort();
    html?.abort();
    throw error;
  }
  gradebook.commit();
  html.commit();
  const keep = new Set(input.names.map(reportFileName));
  store.prune(keep);
  for (const entry of readdirSync(join(out, REPORTS_FOLDER), { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".json") && !keep.has(entry.name)) rmSync(join(out, REPORTS_FOLDER, entry.name), { force: true });
  }
}
