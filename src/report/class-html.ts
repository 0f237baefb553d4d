/**
 * The class report: one self-contained HTML file (inline CSS, charts as inline SVG, no script, no
 * network; a Content-Security-Policy forbids both, in depth) that an instructor reads rather than the
 * CSV. Everything a submission controls (its folder name, messages) and fixture text is escaped for
 * HTML after the control characters are made visible, so no name can become markup.
 */
import type { FunctionStatus, GradedFunction, SubmissionResult } from "../result.js";
import { inline, text } from "./sanitize.js";
import { MESSAGE_CHARS, type SubmissionSummary, summarize } from "./submission-summary.js";

/** What the report needs: a graded class, or shards merged back together. */
export interface ClassSummary {
  /** the class folder, as shown */
  dir: string;
  functions: GradedFunction[];
  maxScore: number;
  submissions: SubmissionResult[];
}

/** How many of the most shared failing cases are listed. */
const TOP_CASES = 15;
/** How many harness faults are listed (the gradebook has them all). */
const TOP_FAULTS = 100;

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
/** One-line learner or fixture text (names). */
const h = (value: string) => escapeHtml(inline(value));
/** Learner text of several lines (messages), shown with white-space: pre-wrap. */
const hText = (value: string) => escapeHtml(text(value));
/**
 * A number from a report. Merging reads reports back from files that a shard's job wrote, so what should be
 * a number is escaped like any text if it is not one: nothing read from a file reaches the page unescaped.
 */
const hNum = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? String(value) : h(String(value)));
const percent = (part: number, whole: number) => (whole === 0 ? "0%" : `${Math.round((100 * part) / whole)}%`);

type Graded = Extract<SubmissionResult, { report: unknown }>;
type FaultSummary = Extract<SubmissionSummary, { code: unknown }>;

/** Counts of scores in 11 bins: 0–9%, 10–19%, …, 90–99% of the maximum, and full marks. */
export function scoreHistogram(scores: readonly number[], maxScore: number): number[] {
  const bins = new Array<number>(11).fill(0);
  for (const score of scores) {
    const share = maxScore > 0 ? score / maxScore : 0;
    bins[share >= 1 ? 10 : Math.min(9, Math.floor(share * 10))]++;
  }
  return bins;
}

function histogramSvg(bins: readonly number[]): string {
  const width = 640;
  const height = 220;
  const top = 20;
  const bottom = 40;
  const left = 36;
  const barWidth = (width - left - 10) / bins.length;
  const most = Math.max(1, ...bins);
  const labels = bins.map((_, k) => (k === 10 ? "100" : `${k * 10}–${k * 10 + 9}`));
  const bars = bins
    .map((count, k) => {
      const barHeight = ((height - top - bottom) * count) / most;
      const x = left + k * barWidth;
      const y = height - bottom - barHeight;
      return (
        `<g class="bin"><title>${labels[k]}%: ${count}</title>` +
        `<rect x="${x + 3}" y="${y}" width="${barWidth - 6}" height="${barHeight}" class="${k === 10 ? "full" : "bar"}"/>` +
        `<text x="${x + barWidth / 2}" y="${y - 4}" text-anchor="middle">${count}</text>` +
        `<text x="${x + barWidth / 2}" y="${height - bottom + 16}" text-anchor="middle" class="axis">${labels[k]}</text></g>`
      );
    })
    .join("");
  return (
    `<svg id="histogram" role="img" aria-label="histogram of scores" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" class="rule"/>${bars}` +
    `<text x="${(width + left) / 2}" y="${height - 6}" text-anchor="middle" class="axis">score, % of the maximum</text></svg>`
  );
}

const STATUS_ORDER: FunctionStatus[] = ["pass", "fail", "error", "not-implemented"];

/** A case failed by several submissions, with one example message. */
export interface SharedFailure {
  function: string;
  caseName: string;
  count: number;
  example?: string;
}

/** A known mistake (its fingerprint matched), with how many submissions made it. */
export interface KnownMistake {
  function: string;
  mistake: string;
  /** the hint the learners read: it names the mistake */
  hint: string;
  count: number;
}

/**
 * What the class report shows above its table of submissions, gathered one submission at a time: counts
 * only (bounded by the fixtures, never by the class), so a class of any size costs the same memory.
 */
export class ClassStats {
  submissions = 0;
  graded = 0;
  full = 0;
  faults = 0;
  /** the first TOP_FAULTS harness faults, in name order */
  readonly faultList: FaultSummary[] = [];
  /** how many graded submissions have each score */
  readonly scores = new Map<number, number>();
  private readonly statuses = new Map<string, Map<FunctionStatus, number>>();
  private readonly failures = new Map<string, SharedFailure>();
  private readonly mistakes = new Map<string, KnownMistake>();

  add(summary: SubmissionSummary): void {
    this.submissions++;
    if (summary.status === "harness-error") {
      this.faults++;
      if (this.faultList.length < TOP_FAULTS) this.faultList.push(summary);
      return;
    }
    this.graded++;
    if (summary.status === "pass") this.full++;
    // A score read back from a shard's file may not be a number: shown escaped, counted as 0.
    const score = typeof summary.score === "number" && Number.isFinite(summary.score) ? summary.score : 0;
    this.scores.set(score, (this.scores.get(score) ?? 0) + 1);
    for (const fn of summary.functions) {
      const counts = this.statuses.get(fn.name) ?? new Map<FunctionStatus, number>();
      counts.set(fn.status, (counts.get(fn.status) ?? 0) + 1);
      this.statuses.set(fn.name, counts);
    }
    for (const f of summary.failures) {
      const key = JSON.stringify([f.function, f.caseName]);
      const entry = this.failures.get(key) ?? { function: f.function, caseName: f.caseName, count: 0 };
      entry.count++;
      if (entry.example === undefined && f.message) entry.example = f.message;
      this.failures.set(key, entry);
    }
    for (const m of summary.mistakes) {
      const key = JSON.stringify([m.function, m.mistake]);
      const entry = this.mistakes.get(key) ?? { function: m.function, mistake: m.mistake, hint: m.hint, count: 0 };
      entry.count++;
      this.mistakes.set(key, entry);
    }
  }

  statusCount(fn: string, status: FunctionStatus): number {
    return this.statuses.get(fn)?.get(status) ?? 0;
  }

  /** The cases most submissions fail, among functions that could be graded and fell short. */
  sharedFailures(top = TOP_CASES): SharedFailure[] {
    return [...this.failures.values()].sort((a, b) => b.count - a.count || (a.function + a.caseName < b.function + b.caseName ? -1 : 1)).slice(0, top);
  }

  /** The known mistakes most submissions make: each submission counted once per function and mistake. */
  knownMistakes(top = TOP_CASES): KnownMistake[] {
    return [...this.mistakes.values()].sort((a, b) => b.count - a.count || (a.function + a.mistake < b.function + b.mistake ? -1 : 1)).slice(0, top);
  }

  /** Every graded score in ascending order, as [score, how many]. */
  private sortedScores(): [number, number][] {
    return [...this.scores].sort(([a], [b]) => a - b);
  }

  mean(): number {
    return this.graded ? this.sortedScores().reduce((sum, [score, count]) => sum + score * count, 0) / this.graded : 0;
  }

  median(): number {
    if (this.graded === 0) return 0;
    const at = (k: number) => {
      let seen = 0;
      for (const [score, count] of this.sortedScores()) {
        seen += count;
        if (k < seen) return score;
      }
      return 0;
    };
    return this.graded % 2 ? at(this.graded >> 1) : (at(this.graded / 2 - 1) + at(this.graded / 2)) / 2;
  }

  histogram(maxScore: number): number[] {
    const bins = new Array<number>(11).fill(0);
    for (const [score, count] of this.scores) {
      const share = maxScore > 0 ? score / maxScore : 0;
      bins[share >= 1 ? 10 : Math.min(9, Math.floor(share * 10))] += count;
    }
    return bins;
  }
}

function statsOf(submissions: readonly SubmissionResult[]): ClassStats {
  const stats = new ClassStats();
  for (const s of submissions) stats.add(summarize(s));
  return stats;
}

/** The cases most submissions fail, among functions that could be graded and fell short. */
export function sharedFailures(graded: readonly Graded[], top = TOP_CASES): SharedFailure[] {
  return statsOf(graded).sharedFailures(top);
}

/** The known mistakes most submissions make: each submission counted once per function and mistake. */
export function knownMistakes(graded: readonly Graded[], top = TOP_CASES): KnownMistake[] {
  return statsOf(graded).knownMistakes(top);
}

function passRateSvg(functions: readonly GradedFunction[], stats: ClassStats): string {
  const rowHeight = 26;
  const labelWidth = 190;
  const barWidth = 360;
  const width = labelWidth + barWidth + 60;
  const height = functions.length * rowHeight + 10;
  const rows = functions
    .map((fn, k) => {
      const y = 5 + k * rowHeight;
      let x = labelWidth;
      const segments = STATUS_ORDER.map((status) => {
        const count = stats.statusCount(fn.name, status);
        const w = stats.graded ? (barWidth * count) / stats.graded : 0;
        const segment = count
          ? `<rect x="${x}" y="${y}" width="${w}" height="${rowHeight - 8}" class="${status}"><title>${h(fn.name)} ${status}: ${count}</title></rect>`
          : "";
        x += w;
        return segment;
      }).join("");
      return (
        `<g class="function" data-function="${h(fn.name)}"><text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end">${h(fn.snakeName)}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="${rowHeight - 8}" class="track"/>${segments}` +
        `<text x="${labelWidth + barWidth + 8}" y="${y + 13}" class="rate">${percent(stats.statusCount(fn.name, "pass"), stats.graded)}</text></g>`
      );
    })
    .join("");
  return `<svg id="pass-rate" role="img" aria-label="pass rate per function" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${rows}</svg>`;
}

/** The section on known mistakes: "41% … conv_backward …". */
function mistakesSection(stats: ClassStats): string[] {
  const known = stats.knownMistakes();
  if (known.length === 0) return [`<h2>Known mistakes</h2><p>No answer matched a known mistake.</p>`];
  const rows = known.map(
    (m) =>
      `<tr><td class="num">${percent(m.count, stats.graded)}</td><td>${h(m.function)}</td><td><div class="msg">${hText(m.hint.length > MESSAGE_CHARS ? `${m.hint.slice(0, MESSAGE_CHARS)}…` : m.hint)}</div></td></tr>`,
  );
  return [
    `<h2>Known mistakes</h2><p>Submissions whose answers match a known mistake's fingerprint (each counted once per function and mistake), with the hint they were given.</p>`,
    `<table id="known-mistakes"><thead><tr><th class="num">submissions</th><th>function</th><th>the mistake</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
  ];
}

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d232a}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;font-size:.9rem}th,td{padding:.25rem .6rem;border-bottom:1px solid #e5e8eb;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.msg{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.8rem;max-width:40rem;overflow-wrap:anywhere}
.summary{display:flex;gap:2rem;flex-wrap:wrap}.summary div{font-size:1.4rem}.summary span{display:block;font-size:.8rem;color:#57606a}
svg text{font:12px system-ui,sans-serif;fill:#1d232a}svg .axis{fill:#57606a}.rule{stroke:#8c959f}
.bar{fill:#6e9ecf}.full{fill:#2da44e}.track{fill:#eef1f4}.pass{fill:#2da44e}.fail{fill:#d1242f}.error{fill:#bf8700}.not-implemented{fill:#8c959f}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
.key-pass{background:#2da44e}.key-fail{background:#d1242f}.key-error{background:#bf8700}.key-not-implemented{background:#8c959f}
tr.flagged td{background:#fff8c5}table.fragments td{width:50%}
.s-pass{color:#1a7f37}.s-fail{color:#cf222e}.s-harness-error{color:#9a6700;font-weight:600}
`;

/** What a class report shows besides its statistics. */
export interface ClassReportParts {
  /** the class folder, as shown */
  dir: string;
  functions: readonly GradedFunction[];
  maxScore: number;
  /** a section placed before the table of submissions (the similarity report), already HTML */
  extraSection?: string;
}

/** The class report up to the rows of its table of submissions: statistics, charts, sections. */
export function classReportHead(parts: ClassReportParts, stats: ClassStats): string {
  const shared = stats.sharedFailures();
  const legend = STATUS_ORDER.map((s) => `<span class="key-${s}"></span>${s}`).join("");
  const out: string[] = [];
  out.push(
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>convgrade class report: ${h(parts.dir)}</title><style>${STYLE}</style></head><body>`,
    `<h1>Class report: ${h(parts.dir)}</h1>`,
    `<div class="summary" id="summary">`,
    `<div>${stats.submissions}<span>submissions</span></div>`,
    `<div>${stats.full}<span>full marks (${percent(stats.full, stats.graded)})</span></div>`,
    `<div>${stats.mean().toFixed(1)}<span>mean score of ${hNum(parts.maxScore)}</span></div>`,
    `<div>${hNum(stats.median())}<span>median score</span></div>`,
    `<div>${stats.faults}<span>not graded (harness faults)</span></div></div>`,
    `<h2>Scores</h2>${histogramSvg(stats.histogram(parts.maxScore))}`,
    `<h2>Pass rate per function</h2><p class="legend">${legend}</p>`,
    passRateSvg(parts.functions, stats),
    ...mistakesSection(stats),
    `<h2>Failing cases most submissions share</h2>`,
  );
  if (shared.length === 0) out.push(`<p>No case failed in a function that could be graded.</p>`);
  else {
    out.push(`<p>Among functions that were graded and fell short (not those that do not load or are not implemented).</p>`);
    out.push(`<table id="shared-failures"><thead><tr><th>function</th><th>case</th><th class="num">submissions</th><th>a message</th></tr></thead><tbody>`);
    for (const f of shared) {
      out.push(
        `<tr><td>${h(f.function)}</td><td>${h(f.caseName)}</td><td class="num">${f.count} (${percent(f.count, stats.graded)})</td><td><div class="msg">${f.example ? hText(f.example) : ""}</div></td></tr>`,
      );
    }
    out.push(`</tbody></table>`);
  }
  if (stats.faults) {
    out.push(
      `<h2>Not graded: harness faults</h2><p>These submissions were not graded because of a fault of the grader or its machine, not of the submission: grade them again.` +
        `${stats.faults > stats.faultList.length ? ` The first ${stats.faultList.length} of ${stats.faults}; the gradebook lists them all.` : ""}</p>`,
    );
    out.push(`<table id="harness-errors"><thead><tr><th>submission</th><th>code</th><th>message</th></tr></thead><tbody>`);
    for (const s of stats.faultList) out.push(`<tr><td>${h(s.name)}</td><td>${h(s.code)}</td><td><div class="msg">${hText(s.message)}</div></td></tr>`);
    out.push(`</tbody></table>`);
  }
  if (parts.extraSection) out.push(parts.extraSection);
  out.push(`<h2>Submissions</h2><table id="submissions"><thead><tr><th>submission</th><th class="num">score</th><th>status</th>`);
  for (const fn of parts.functions) out.push(`<th class="num">${h(fn.snakeName)}<br>/${hNum(fn.maxScore)}</th>`);
  out.push(`</tr></thead><tbody>`);
  return `${out.join("\n")}\n`;
}

/** One row of the table of submissions. */
export function submissionRowHtml(s: SubmissionSummary, functions: readonly GradedFunction[]): string {
  const scoresByName = new Map(s.status === "harness-error" ? [] : s.functions.map((f) => [f.name, f.score]));
  const score = s.status === "harness-error" ? "" : `${hNum(s.score)}/${hNum(s.maxScore)}`;
  const out = [`<tr><td>${h(s.name)}</td><td class="num">${score}</td><td class="s-${h(s.status)}">${h(s.status)}</td>`];
  for (const fn of functions) out.push(`<td class="num">${hNum(scoresByName.get(fn.name) ?? "")}</td>`);
  out.push(`</tr>`);
  return `${out.join("\n")}\n`;
}

/** The end of the class report, after the rows. */
export const CLASS_REPORT_TAIL = `</tbody></table></body></html>\n`;

/** The class report as one HTML document, from results in memory (a merge of shards). */
export function classReportHtml(summary: ClassSummary): string {
  const summaries = summary.submissions.map(summarize);
  const stats = new ClassStats();
  for (const s of summaries) stats.add(s);
  return classReportHead(summary, stats) + summaries.map((s) => submissionRowHtml(s, summary.functions)).join("") + CLASS_REPORT_TAIL;
}
