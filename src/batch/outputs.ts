/**
 * The files a batch writes into its output folder: reports/<submission>.json as each submission
 * finishes (with its stored result, see result-store.ts), then gradebook.csv and report.html
 * (class-files.ts). Also reads them back, for merging shards.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { HarnessError } from "../errors.js";
import { EXERCISES } from "../exercises.js";
import { CLASS_REPORT_TAIL, ClassStats, classReportHead, submissionRowHtml } from "../report/class-html.js";
import { GRADEBOOK_COLUMNS, mergeGradebooks, readGradebook } from "../report/gradebook-csv.js";
import { jsonReporter } from "../report/json.js";
import { replaceFile } from "../report/replace-file.js";
import { json } from "../report/sanitize.js";
import { type SubmissionSummary, summarize } from "../report/submission-summary.js";
import type { GradedFunction, Report, SubmissionResult } from "../result.js";
import { removeLeftovers } from "./durable-file.js";
import { realFolder } from "./result-store.js";

export const GRADEBOOK_FILE = "gradebook.csv";
export const CLASS_REPORT_FILE = "report.html";
export const REPORTS_FOLDER = "reports";

export { reportFileName } from "./report-name.js";

/** The JSON document of one submission: `check --reporter json`'s, or what the harness could not do. */
export function submissionJson(result: SubmissionResult): string {
  if (result.status === "harness-error") {
    return `${json({ submission: result.submission, status: result.status, code: result.code, message: result.message }, 2)}\n`;
  }
  const chunks: string[] = [];
  jsonReporter({ write: (chunk) => chunks.push(chunk) }, { color: false }).onEnd(result.report);
  return chunks.join("");
}

/**
 * Creates the output folder and its reports/ (kept: resume reuses them), refusing a reports/ that is a
 * link, and removes the temporary files a killed batch left.
 */
export function prepareOutput(out: string): void {
  mkdirSync(out, { recursive: true });
  realFolder(join(out, REPORTS_FOLDER));
  removeLeftovers(out);
  removeLeftovers(join(out, REPORTS_FOLDER));
}

/** Empties reports/ of earlier .json reports (a merge writes a fresh set). */
function emptyReports(out: string): void {
  for (const entry of readdirSync(join(out, REPORTS_FOLDER), { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".json")) rmSync(join(out, REPORTS_FOLDER, entry.name));
  }
}

/** Reads a submission's JSON document back (written by writeSubmissionReport). */
function readSubmissionJson(path: string): SubmissionResult {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new HarnessError("USAGE", `cannot read ${path}: ${(error as Error).message}`);
  }
  if (typeof doc?.submission !== "string") throw new HarnessError("USAGE", `${path} is not a convgrade report`);
  const name = basename(doc.submission);
  if (doc.status === "harness-error") {
    return { name, status: "harness-error", code: doc.code as never, message: String(doc.message), submission: doc.submission, durationMs: 0 };
  }
  const report = doc as unknown as Report;
  if (!Array.isArray(report.functions)) throw new HarnessError("USAGE", `${path} is not a convgrade report`);
  return { name, status: report.functions.every((f) => f.status === "pass") ? "pass" : "fail", report, durationMs: report.durationMs };
}

/**
 * Merges the output folders of shards: their gradebooks (see mergeGradebooks), and, when every folder
 * has its reports/, the JSON reports (copied) and a class report over all of them.
 */
export function mergeOutputs(folders: readonly string[], out: string): { submissions: number; html: boolean } {
  const books = folders.map((folder) => {
    const file = join(folder, GRADEBOOK_FILE);
    if (!existsSync(file)) throw new HarnessError("USAGE", `no ${GRADEBOOK_FILE} in ${folder}`);
    return readGradebook(readFileSync(file, "utf8"), file);
  });
  const merged = mergeGradebooks(books);
  const withReports = folders.every((folder) => existsSync(join(folder, REPORTS_FOLDER)) && lstatSync(join(folder, REPORTS_FOLDER)).isDirectory());
  mkdirSync(out, { recursive: true });
  replaceFile(join(out, GRADEBOOK_FILE), merged);
  const submissions = books.reduce((sum, book) => sum + book.rows.length, 0);
  if (!withReports) return { submissions, html: false };

  prepareOutput(out);
  emptyReports(out);
  // Summaries, not whole reports: what the class report needs, a small part of each.
  const summaries: SubmissionSummary[] = [];
  const maxScores = new Map<string, unknown>();
  const copiedFrom = new Map<string, string>();
  for (const folder of folders) {
    const reports = join(folder, REPORTS_FOLDER);
    for (const entry of readdirSync(reports, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".json"))) {
      const other = copiedFrom.get(entry.name);
      if (other !== undefined) throw new HarnessError("USAGE", `${REPORTS_FOLDER}/${entry.name} is in both ${other} and ${folder}: are two shards the same?`);
      copiedFrom.set(entry.name, folder);
      const result = readSubmissionJson(join(reports, entry.name));
      if (result.status !== "harness-error") for (const f of result.report.functions) if (!maxScores.has(f.name)) maxScores.set(f.name, f.maxScore);
      summaries.push(summarize(result));
      replaceFile(join(out, REPORTS_FOLDER, entry.name), readFileSync(join(reports, entry.name), "utf8"));
    }
  }
  const header = books[0].header;
  const names = header.slice(GRADEBOOK_COLUMNS.length);
  const functions: GradedFunction[] = names.map((name) => {
    const exercise = EXERCISES.find((e) => e.name === name);
    return { name: name as GradedFunction["name"], snakeName: exercise?.snakeName ?? name, maxScore: (maxScores.get(name) ?? 0) as number };
  });
  summaries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const stats = new ClassStats();
  for (const s of summaries) stats.add(s);
  const parts = { dir: folders.join(" + "), functions, maxScore: functions.reduce((sum, f) => sum + f.maxScore, 0) };
  replaceFile(join(out, CLASS_REPORT_FILE), classReportHead(parts, stats) + summaries.map((s) => submissionRowHtml(s, functions)).join("") + CLASS_REPORT_TAIL);
  return { submissions, html: true };
}
