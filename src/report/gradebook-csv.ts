/**
 * The class gradebook as CSV (RFC 4180: comma-separated, CRLF line ends), written to be safe in every
 * spreadsheet locale, following OWASP's CSV-injection guidance
 * (https://owasp.org/www-community/attacks/CSV_Injection; ASVS 5.0 requirement 1.2.10):
 * every field is wrapped in double quotes with inner quotes doubled, and no cell can start a formula, not
 * even one that a spreadsheet splits out of a field on another list separator (Excel in most European
 * locales splits on `;`). Submission folder names are the only text a learner controls in it. Rows are in
 * the order of the submission cell, so merging shards gives the same file as grading the class at once.
 */

import { HarnessError } from "../errors.js";
import type { ClassResult } from "../result.js";
import { inline, wellFormed } from "./sanitize.js";
import { type SubmissionSummary, summarize } from "./submission-summary.js";

/** The fixed columns, before one column per graded function (its score). */
export const GRADEBOOK_COLUMNS = ["submission", "score", "maxScore", "status"] as const;

// The rule: an apostrophe goes before every piece of a field that starts with a formula character, where a
// piece starts at the field's start or after any character some spreadsheet or locale splits cells on.
// - Formula characters: OWASP's = + - @ tab CR, ASVS's NUL, and the apostrophe itself, so that the
//   mapping stays one to one ("'=x" and "=x" stay two names) and readGradebook can undo it exactly.
// - Splitters: the list separators in use (`,` `;` tab `|`) and line breaks. Quotes are not among them:
//   a quote only changes which separators count, and a piece is made safe after every separator, quoted
//   or not. Guarding pieces, not only the field's start, is what OWASP means by "take care of the field
//   separator": `x;=1+2` is one field here, but `=1+2` is a cell of its own to Excel in a `;` locale.
// - Numbers convgrade writes (scores, never negative) start with a digit, so they are left alone, and a
//   quoted number is still read as a number (Excel, LibreOffice and Google Sheets alike).
const FORMULA_START = /(?<=^|[,;\t|\r\n])(?=[=+\-@\t\r\0'])/g;
const MARK = /(?<=^|[,;\t|\r\n])'/g;

/** A cell no spreadsheet runs: an apostrophe before each piece that starts with = + - @ tab CR NUL or '. */
export function neutraliseFormula(value: string): string {
  return value.replace(FORMULA_START, "'");
}

/** Undoes neutraliseFormula exactly (for reading a gradebook back). */
export function restoreFormula(cell: string): string {
  return cell.replace(MARK, "");
}

/** One CSV field: made safe for a spreadsheet, always quoted, with quotes doubled. */
export function csvField(value: string): string {
  return `"${neutraliseFormula(wellFormed(value)).replace(/"/g, '""')}"`;
}

const byCell = (a: string[], b: string[]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The header: the fixed columns, then one column per graded function. */
export function gradebookHeader(functions: ClassResult["functions"]): string[] {
  return [...GRADEBOOK_COLUMNS, ...functions.map((f) => f.name)];
}

/** The row of one submission: scores as numbers; empty scores when the harness could not grade it. */
export function gradebookRow(summary: SubmissionSummary, functions: ClassResult["functions"], maxScore: number): string[] {
  const { name } = summary;
  if (summary.status === "harness-error") return [name, "", String(maxScore), summary.status, ...functions.map(() => "")];
  const scores = new Map(summary.functions.map((f) => [f.name, f.score]));
  return [name, String(summary.score), String(summary.maxScore), summary.status, ...functions.map((f) => String(scores.get(f.name) ?? ""))];
}

/** Joins rows (header first) into CSV text: every field through csvField. */
export function csvText(rows: readonly string[][]): string {
  return rows.map((cells) => `${cells.map(csvField).join(",")}\r\n`).join("");
}

/** The gradebook of a graded class (or shard) held in memory; a batch streams the same rows instead. */
export function gradebookCsv(result: ClassResult): string {
  const rows = result.submissions.map((s) => gradebookRow(summarize(s), result.functions, result.maxScore)).sort(byCell);
  return csvText([gradebookHeader(result.functions), ...rows]);
}

/** Parses CSV as gradebookCsv writes it (quoted fields, CRLF or LF); throws on malformed text. */
export function parseCsv(text: string, file: string): string[][] {
  const rows: string[][] = [];
  let cells: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new HarnessError("USAGE", `${file} is not a gradebook CSV: ${why} (line ${text.slice(0, i).split("\n").length})`);
  };
  while (i < text.length) {
    let value = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) fail("a quoted field is not closed");
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        value += '"';
        i++;
      }
    } else {
      const end = text.slice(i).search(/[,\r\n]/);
      value = end < 0 ? text.slice(i) : text.slice(i, i + end);
      if (value.includes('"')) fail("a quote inside an unquoted field");
      i = end < 0 ? text.length : i + end;
    }
    cells.push(value);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text.startsWith("\r\n", i)) i += 2;
    else if (text[i] === "\n") i++;
    else if (i < text.length) fail("text after a quoted field");
    rows.push(cells);
    cells = [];
  }
  return rows;
}

/** A gradebook read back: its header and rows as the values they stand for (restoreFormula), for merging. */
export interface Gradebook {
  file: string;
  header: string[];
  rows: string[][];
}

/** Reads a gradebook's text and checks its shape: the fixed columns first, every row as wide as the header. */
export function readGradebook(text: string, file: string): Gradebook {
  const [header, ...rows] = parseCsv(text, file).map((cells) => cells.map(restoreFormula));
  if (!header || GRADEBOOK_COLUMNS.some((column, k) => header[k] !== column)) {
    throw new HarnessError("USAGE", `${file} is not a gradebook CSV: its header must start with ${GRADEBOOK_COLUMNS.join(",")}`);
  }
  rows.forEach((cells, k) => {
    if (cells.length !== header.length)
      throw new HarnessError("USAGE", `${file} is not a gradebook CSV: row ${k + 2} has ${cells.length} fields, the header ${header.length}`);
  });
  return { file, header, rows };
}

/**
 * Joins the gradebooks of shards into one. Refuses gradebooks whose columns differ (graded with other
 * fixtures or functions) and a submission present in two of them (overlapping shards, or one shard
 * given twice), naming the files.
 */
export function mergeGradebooks(books: readonly Gradebook[]): string {
  if (books.length === 0) throw new HarnessError("USAGE", "no gradebook to merge");
  const [first] = books;
  const seen = new Map<string, string>();
  const rows: string[][] = [];
  for (const book of books) {
    if (book.header.join(",") !== first.header.join(",")) {
      throw new HarnessError(
        "USAGE",
        `${book.file} has other columns than ${first.file} (${inline(book.header.join(","))} against ${inline(first.header.join(","))}): were they graded with the same fixtures and functions?`,
      );
    }
    for (const cells of book.rows) {
      const other = seen.get(cells[0]);
      if (other !== undefined)
        // The name is learner text, shown on a terminal: escaped as every reporter escapes names.
        throw new HarnessError("USAGE", `submission "${inline(cells[0])}" is in both ${other} and ${book.file}: are two shards the same?`);
      seen.set(cells[0], book.file);
      rows.push(cells);
    }
  }
  return csvText([first.header, ...rows.sort(byCell)]);
}
