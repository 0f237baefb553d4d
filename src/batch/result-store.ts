/**
 * Stored results: one file per submission in <out>/.convgrade/results/, written when the submission is
 * graded, from which the gradebook and the class report are built and by which resume decides.
 *
 * A stored result is trusted only when it proves itself: its first line is an HMAC-SHA256, under the
 * batch's secret (see grading-key.ts), of the rest; the rest names the submission and the batch key it
 * was graded under, the hash of the submission's files, and the hash of its JSON report. So a file
 * copied from another output folder or another submission, edited by hand, torn, or planted by whoever
 * can write the output folder but not read the secret, is refused: that submission is graded again and
 * its file replaced. Nothing is ever read from a submission's folder but its source files.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { HarnessError } from "../errors.js";
import type { SubmissionSummary } from "../report/submission-summary.js";
import { readOwnFile, removeLeftovers, writeDurable } from "./durable-file.js";
import { reportFileName } from "./report-name.js";

export const STORE_FOLDER = ".convgrade";
export const RESULTS_FOLDER = "results";
/** A stored result larger than this is not one of ours. */
const MAX_BYTES = 4 * 1024 * 1024;
/** Nor is a report larger than this (reports hold bounded slices and messages: far less). */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;
const FORMAT = "convgrade-stored-result/1";

/** What a stored result says, once verified. */
export interface StoredResult {
  format: typeof FORMAT;
  name: string;
  /** the batch key it was graded under (fixtures, limits, version) */
  batch: string;
  /** the hash of the submission's files when it was graded; "" when they changed while it was graded */
  submission: string;
  /** SHA-256 of its report file, reports/<name>.json */
  report: string;
  /** false: a harness fault, to be graded again whatever the key says */
  reusable: boolean;
  summary: SubmissionSummary;
}

/** Why a stored result was not reused, for tests and the summary's counts. */
export type Refusal = "missing" | "not authentic" | "other submission" | "other batch" | "submission changed" | "report changed" | "not reusable";

/** A folder of the output that must be a real folder, never a link (a link would be written through). */
export function realFolder(path: string, mode?: number): void {
  let stats: ReturnType<typeof lstatSync> | undefined;
  try {
    stats = lstatSync(path);
  } catch {
    stats = undefined;
  }
  if (stats && !stats.isDirectory()) throw new HarnessError("USAGE", `${path} is not a folder (a link?): convgrade will not write through it`);
  mkdirSync(path, { recursive: true, ...(mode === undefined ? {} : { mode }) });
}

export class ResultStore {
  readonly dir: string;

  constructor(
    out: string,
    private readonly secret: Buffer,
  ) {
    realFolder(join(out, STORE_FOLDER), 0o700);
    this.dir = join(out, STORE_FOLDER, RESULTS_FOLDER);
    realFolder(this.dir, 0o700);
    removeLeftovers(this.dir);
  }

  private path(name: string): string {
    return join(this.dir, reportFileName(name));
  }

  private mac(body: string): string {
    return createHmac("sha256", this.secret).update(body, "utf8").digest("hex");
  }

  /** Stores a submission's result (durably: see durable-file.ts). */
  write(result: Omit<StoredResult, "format">): void {
    const body = JSON.stringify({ format: FORMAT, ...result });
    writeDurable(this.path(result.name), `${this.mac(body)}\n${body}\n`);
  }

  /** The stored result of a submission if it is authentic and names it, else why not. */
  read(name: string): StoredResult | Refusal {
    const bytes = readOwnFile(this.path(name), MAX_BYTES);
    if (bytes === undefined) return "missing";
    const text = bytes.toString("utf8");
    const newline = text.indexOf("\n");
    if (newline !== 64 || !text.endsWith("\n")) return "not authentic";
    const body = text.slice(newline + 1, -1);
    const given = Buffer.from(text.slice(0, 64), "utf8");
    if (!timingSafeEqual(given, Buffer.from(this.mac(body), "utf8"))) return "not authentic";
    const stored = JSON.parse(body) as StoredResult;
    if (stored.format !== FORMAT) return "not authentic";
    return stored.name === name ? stored : "other submission";
  }

  /**
   * The stored result of a submission when resume may reuse it: authentic, for this batch key and this
   * content, not a harness fault, and its report file still the one it was stored with.
   */
  reusable(name: string, batch: string, submission: string, reportPath: string): StoredResult | Refusal {
    const stored = this.read(name);
    if (typeof stored === "string") return stored;
    if (!stored.reusable) return "not reusable";
    if (stored.batch !== batch) return "other batch";
    if (stored.submission !== submission) return "submission changed";
    const report = readOwnFile(reportPath, MAX_REPORT_BYTES);
    if (report === undefined || sha256(report) !== stored.report) return "report changed";
    return stored;
  }

  /** Removes the stored results of submissions not in keep (by file name): gone from the class. */
  prune(keep: ReadonlySet<string>): void {
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory() && !keep.has(entry.name)) rmSync(join(this.dir, entry.name), { force: true });
    }
  }
}

export const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
