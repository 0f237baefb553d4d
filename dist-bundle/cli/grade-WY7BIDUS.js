import {
  replaceFile,
  warnIfNetworkOpen
} from "./chunk-UUN52G7H.js";
import {
  check,
  checkLimits,
  loadFixtures,
  packageVersion
} from "./chunk-ORKIJSWE.js";
import {
  DiskCache,
  TranspilerPool,
  defaultCacheDir,
  privateDir
} from "./chunk-ZZJ6HWKM.js";
import {
  readSubmission
} from "./chunk-PIAGEL3G.js";
import {
  ExitCode,
  HarnessError
} from "./chunk-V6W3VMAA.js";
import {
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_MS,
  PACKAGE_FIXTURES,
  isolation
} from "./chunk-HS5FCRPH.js";
import "./chunk-MSXFVK3B.js";
import {
  jsonReporter
} from "./chunk-QDHGRKKL.js";
import {
  inline,
  json,
  text,
  wellFormed
} from "./chunk-6SUERUYL.js";
import "./chunk-LMEQ6F2C.js";
import {
  EXERCISES
} from "./chunk-Y5N2JX36.js";

// src/cli/grade.ts
import { existsSync as existsSync4, realpathSync as realpathSync2 } from "node:fs";
import { availableParallelism as availableParallelism2 } from "node:os";
import { basename as basename3, dirname as dirname2, join as join9, relative as relative5, resolve, sep } from "node:path";

// src/batch/class-files.ts
import { readdirSync as readdirSync4, rmSync as rmSync4 } from "node:fs";
import { join as join4 } from "node:path";

// src/report/submission-summary.ts
var MESSAGE_CHARS = 400;
var cut = (text2) => text2.length > MESSAGE_CHARS ? `${text2.slice(0, MESSAGE_CHARS)}\u2026` : text2;
function summarize(result) {
  if (result.status === "harness-error") return { name: result.name, status: "harness-error", code: result.code, message: result.message };
  const { report } = result;
  const failures = [];
  const mistakes = [];
  const seen = /* @__PURE__ */ new Set();
  for (const fn of report.functions) {
    for (const c of [...fn.cases, ...fn.gradientChecks]) {
      if (fn.status === "fail" && c.status !== "pass")
        failures.push({ function: fn.name, caseName: c.name, ...c.message ? { message: cut(c.message) } : {} });
      if (c.mistake && !c.hidden && !seen.has(`${fn.name}\0${c.mistake}`)) {
        seen.add(`${fn.name}\0${c.mistake}`);
        mistakes.push({ function: fn.name, mistake: c.mistake, hint: cut(c.hint ?? c.mistake) });
      }
    }
  }
  return {
    name: result.name,
    status: result.status,
    score: report.score,
    maxScore: report.maxScore,
    functions: report.functions.map((f) => ({ name: f.name, status: f.status, score: f.score })),
    failures,
    mistakes
  };
}

// src/report/class-html.ts
var TOP_CASES = 15;
var TOP_FAULTS = 100;
function escapeHtml(value) {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
var h = (value) => escapeHtml(inline(value));
var hText = (value) => escapeHtml(text(value));
var hNum = (value) => typeof value === "number" && Number.isFinite(value) ? String(value) : h(String(value));
var percent = (part, whole) => whole === 0 ? "0%" : `${Math.round(100 * part / whole)}%`;
function histogramSvg(bins) {
  const width = 640;
  const height = 220;
  const top = 20;
  const bottom = 40;
  const left = 36;
  const barWidth = (width - left - 10) / bins.length;
  const most = Math.max(1, ...bins);
  const labels = bins.map((_, k) => k === 10 ? "100" : `${k * 10}\u2013${k * 10 + 9}`);
  const bars = bins.map((count, k) => {
    const barHeight = (height - top - bottom) * count / most;
    const x = left + k * barWidth;
    const y = height - bottom - barHeight;
    return `<g class="bin"><title>${labels[k]}%: ${count}</title><rect x="${x + 3}" y="${y}" width="${barWidth - 6}" height="${barHeight}" class="${k === 10 ? "full" : "bar"}"/><text x="${x + barWidth / 2}" y="${y - 4}" text-anchor="middle">${count}</text><text x="${x + barWidth / 2}" y="${height - bottom + 16}" text-anchor="middle" class="axis">${labels[k]}</text></g>`;
  }).join("");
  return `<svg id="histogram" role="img" aria-label="histogram of scores" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" class="rule"/>${bars}<text x="${(width + left) / 2}" y="${height - 6}" text-anchor="middle" class="axis">score, % of the maximum</text></svg>`;
}
var STATUS_ORDER = ["pass", "fail", "error", "not-implemented"];
var ClassStats = class {
  submissions = 0;
  graded = 0;
  full = 0;
  faults = 0;
  /** the first TOP_FAULTS harness faults, in name order */
  faultList = [];
  /** how many graded submissions have each score */
  scores = /* @__PURE__ */ new Map();
  statuses = /* @__PURE__ */ new Map();
  failures = /* @__PURE__ */ new Map();
  mistakes = /* @__PURE__ */ new Map();
  add(summary) {
    this.submissions++;
    if (summary.status === "harness-error") {
      this.faults++;
      if (this.faultList.length < TOP_FAULTS) this.faultList.push(summary);
      return;
    }
    this.graded++;
    if (summary.status === "pass") this.full++;
    const score = typeof summary.score === "number" && Number.isFinite(summary.score) ? summary.score : 0;
    this.scores.set(score, (this.scores.get(score) ?? 0) + 1);
    for (const fn of summary.functions) {
      const counts = this.statuses.get(fn.name) ?? /* @__PURE__ */ new Map();
      counts.set(fn.status, (counts.get(fn.status) ?? 0) + 1);
      this.statuses.set(fn.name, counts);
    }
    for (const f of summary.failures) {
      const key = JSON.stringify([f.function, f.caseName]);
      const entry = this.failures.get(key) ?? { function: f.function, caseName: f.caseName, count: 0 };
      entry.count++;
      if (entry.example === void 0 && f.message) entry.example = f.message;
      this.failures.set(key, entry);
    }
    for (const m of summary.mistakes) {
      const key = JSON.stringify([m.function, m.mistake]);
      const entry = this.mistakes.get(key) ?? { function: m.function, mistake: m.mistake, hint: m.hint, count: 0 };
      entry.count++;
      this.mistakes.set(key, entry);
    }
  }
  statusCount(fn, status) {
    return this.statuses.get(fn)?.get(status) ?? 0;
  }
  /** The cases most submissions fail, among functions that could be graded and fell short. */
  sharedFailures(top = TOP_CASES) {
    return [...this.failures.values()].sort((a, b) => b.count - a.count || (a.function + a.caseName < b.function + b.caseName ? -1 : 1)).slice(0, top);
  }
  /** The known mistakes most submissions make: each submission counted once per function and mistake. */
  knownMistakes(top = TOP_CASES) {
    return [...this.mistakes.values()].sort((a, b) => b.count - a.count || (a.function + a.mistake < b.function + b.mistake ? -1 : 1)).slice(0, top);
  }
  /** Every graded score in ascending order, as [score, how many]. */
  sortedScores() {
    return [...this.scores].sort(([a], [b]) => a - b);
  }
  mean() {
    return this.graded ? this.sortedScores().reduce((sum, [score, count]) => sum + score * count, 0) / this.graded : 0;
  }
  median() {
    if (this.graded === 0) return 0;
    const at = (k) => {
      let seen = 0;
      for (const [score, count] of this.sortedScores()) {
        seen += count;
        if (k < seen) return score;
      }
      return 0;
    };
    return this.graded % 2 ? at(this.graded >> 1) : (at(this.graded / 2 - 1) + at(this.graded / 2)) / 2;
  }
  histogram(maxScore) {
    const bins = new Array(11).fill(0);
    for (const [score, count] of this.scores) {
      const share = maxScore > 0 ? score / maxScore : 0;
      bins[share >= 1 ? 10 : Math.min(9, Math.floor(share * 10))] += count;
    }
    return bins;
  }
};
function passRateSvg(functions, stats) {
  const rowHeight = 26;
  const labelWidth = 190;
  const barWidth = 360;
  const width = labelWidth + barWidth + 60;
  const height = functions.length * rowHeight + 10;
  const rows = functions.map((fn, k) => {
    const y = 5 + k * rowHeight;
    let x = labelWidth;
    const segments = STATUS_ORDER.map((status) => {
      const count = stats.statusCount(fn.name, status);
      const w = stats.graded ? barWidth * count / stats.graded : 0;
      const segment = count ? `<rect x="${x}" y="${y}" width="${w}" height="${rowHeight - 8}" class="${status}"><title>${h(fn.name)} ${status}: ${count}</title></rect>` : "";
      x += w;
      return segment;
    }).join("");
    return `<g class="function" data-function="${h(fn.name)}"><text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end">${h(fn.snakeName)}</text><rect x="${labelWidth}" y="${y}" width="${barWidth}" height="${rowHeight - 8}" class="track"/>${segments}<text x="${labelWidth + barWidth + 8}" y="${y + 13}" class="rate">${percent(stats.statusCount(fn.name, "pass"), stats.graded)}</text></g>`;
  }).join("");
  return `<svg id="pass-rate" role="img" aria-label="pass rate per function" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${rows}</svg>`;
}
function mistakesSection(stats) {
  const known = stats.knownMistakes();
  if (known.length === 0) return [`<h2>Known mistakes</h2><p>No answer matched a known mistake.</p>`];
  const rows = known.map(
    (m) => `<tr><td class="num">${percent(m.count, stats.graded)}</td><td>${h(m.function)}</td><td><div class="msg">${hText(m.hint.length > MESSAGE_CHARS ? `${m.hint.slice(0, MESSAGE_CHARS)}\u2026` : m.hint)}</div></td></tr>`
  );
  return [
    `<h2>Known mistakes</h2><p>Submissions whose answers match a known mistake's fingerprint (each counted once per function and mistake), with the hint they were given.</p>`,
    `<table id="known-mistakes"><thead><tr><th class="num">submissions</th><th>function</th><th>the mistake</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
  ];
}
var STYLE = `
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
function classReportHead(parts, stats) {
  const shared = stats.sharedFailures();
  const legend = STATUS_ORDER.map((s) => `<span class="key-${s}"></span>${s}`).join("");
  const out = [];
  out.push(
    `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">`,
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
    `<h2>Failing cases most submissions share</h2>`
  );
  if (shared.length === 0) out.push(`<p>No case failed in a function that could be graded.</p>`);
  else {
    out.push(`<p>Among functions that were graded and fell short (not those that do not load or are not implemented).</p>`);
    out.push(`<table id="shared-failures"><thead><tr><th>function</th><th>case</th><th class="num">submissions</th><th>a message</th></tr></thead><tbody>`);
    for (const f of shared) {
      out.push(
        `<tr><td>${h(f.function)}</td><td>${h(f.caseName)}</td><td class="num">${f.count} (${percent(f.count, stats.graded)})</td><td><div class="msg">${f.example ? hText(f.example) : ""}</div></td></tr>`
      );
    }
    out.push(`</tbody></table>`);
  }
  if (stats.faults) {
    out.push(
      `<h2>Not graded: harness faults</h2><p>These submissions were not graded because of a fault of the grader or its machine, not of the submission: grade them again.${stats.faults > stats.faultList.length ? ` The first ${stats.faultList.length} of ${stats.faults}; the gradebook lists them all.` : ""}</p>`
    );
    out.push(`<table id="harness-errors"><thead><tr><th>submission</th><th>code</th><th>message</th></tr></thead><tbody>`);
    for (const s of stats.faultList) out.push(`<tr><td>${h(s.name)}</td><td>${h(s.code)}</td><td><div class="msg">${hText(s.message)}</div></td></tr>`);
    out.push(`</tbody></table>`);
  }
  if (parts.extraSection) out.push(parts.extraSection);
  out.push(`<h2>Submissions</h2><table id="submissions"><thead><tr><th>submission</th><th class="num">score</th><th>status</th>`);
  for (const fn of parts.functions) out.push(`<th class="num">${h(fn.snakeName)}<br>/${hNum(fn.maxScore)}</th>`);
  out.push(`</tr></thead><tbody>`);
  return `${out.join("\n")}
`;
}
function submissionRowHtml(s, functions) {
  const scoresByName = new Map(s.status === "harness-error" ? [] : s.functions.map((f) => [f.name, f.score]));
  const score = s.status === "harness-error" ? "" : `${hNum(s.score)}/${hNum(s.maxScore)}`;
  const out = [`<tr><td>${h(s.name)}</td><td class="num">${score}</td><td class="s-${h(s.status)}">${h(s.status)}</td>`];
  for (const fn of functions) out.push(`<td class="num">${hNum(scoresByName.get(fn.name) ?? "")}</td>`);
  out.push(`</tr>`);
  return `${out.join("\n")}
`;
}
var CLASS_REPORT_TAIL = `</tbody></table></body></html>
`;

// src/report/gradebook-csv.ts
var GRADEBOOK_COLUMNS = ["submission", "score", "maxScore", "status"];
var FORMULA_START = /(?<=^|[,;\t|\r\n])(?=[=+\-@\t\r\0'])/g;
var MARK = /(?<=^|[,;\t|\r\n])'/g;
function neutraliseFormula(value) {
  return value.replace(FORMULA_START, "'");
}
function restoreFormula(cell) {
  return cell.replace(MARK, "");
}
function csvField(value) {
  return `"${neutraliseFormula(wellFormed(value)).replace(/"/g, '""')}"`;
}
var byCell = (a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
function gradebookHeader(functions) {
  return [...GRADEBOOK_COLUMNS, ...functions.map((f) => f.name)];
}
function gradebookRow(summary, functions, maxScore) {
  const { name } = summary;
  if (summary.status === "harness-error") return [name, "", String(maxScore), summary.status, ...functions.map(() => "")];
  const scores = new Map(summary.functions.map((f) => [f.name, f.score]));
  return [name, String(summary.score), String(summary.maxScore), summary.status, ...functions.map((f) => String(scores.get(f.name) ?? ""))];
}
function csvText(rows) {
  return rows.map((cells) => `${cells.map(csvField).join(",")}\r
`).join("");
}
function parseCsv(text2, file) {
  const rows = [];
  let cells = [];
  let i = 0;
  const fail = (why) => {
    throw new HarnessError("USAGE", `${file} is not a gradebook CSV: ${why} (line ${text2.slice(0, i).split("\n").length})`);
  };
  while (i < text2.length) {
    let value = "";
    if (text2[i] === '"') {
      i++;
      for (; ; ) {
        const quote = text2.indexOf('"', i);
        if (quote < 0) fail("a quoted field is not closed");
        value += text2.slice(i, quote);
        i = quote + 1;
        if (text2[i] !== '"') break;
        value += '"';
        i++;
      }
    } else {
      const end = text2.slice(i).search(/[,\r\n]/);
      value = end < 0 ? text2.slice(i) : text2.slice(i, i + end);
      if (value.includes('"')) fail("a quote inside an unquoted field");
      i = end < 0 ? text2.length : i + end;
    }
    cells.push(value);
    if (text2[i] === ",") {
      i++;
      continue;
    }
    if (text2.startsWith("\r\n", i)) i += 2;
    else if (text2[i] === "\n") i++;
    else if (i < text2.length) fail("text after a quoted field");
    rows.push(cells);
    cells = [];
  }
  return rows;
}
function readGradebook(text2, file) {
  const [header, ...rows] = parseCsv(text2, file).map((cells) => cells.map(restoreFormula));
  if (!header || GRADEBOOK_COLUMNS.some((column, k) => header[k] !== column)) {
    throw new HarnessError("USAGE", `${file} is not a gradebook CSV: its header must start with ${GRADEBOOK_COLUMNS.join(",")}`);
  }
  rows.forEach((cells, k) => {
    if (cells.length !== header.length)
      throw new HarnessError("USAGE", `${file} is not a gradebook CSV: row ${k + 2} has ${cells.length} fields, the header ${header.length}`);
  });
  return { file, header, rows };
}
function mergeGradebooks(books) {
  if (books.length === 0) throw new HarnessError("USAGE", "no gradebook to merge");
  const [first] = books;
  const seen = /* @__PURE__ */ new Map();
  const rows = [];
  for (const book of books) {
    if (book.header.join(",") !== first.header.join(",")) {
      throw new HarnessError(
        "USAGE",
        `${book.file} has other columns than ${first.file} (${inline(book.header.join(","))} against ${inline(first.header.join(","))}): were they graded with the same fixtures and functions?`
      );
    }
    for (const cells of book.rows) {
      const other = seen.get(cells[0]);
      if (other !== void 0)
        throw new HarnessError("USAGE", `submission "${inline(cells[0])}" is in both ${other} and ${book.file}: are two shards the same?`);
      seen.set(cells[0], book.file);
      rows.push(cells);
    }
  }
  return csvText([first.header, ...rows.sort(byCell)]);
}

// src/batch/durable-file.ts
import { randomBytes } from "node:crypto";
import { closeSync, constants, fstatSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
var TEMPORARY = /^\..+\.[0-9a-f]{16}\.tmp$/;
var DurableFile = class {
  constructor(path) {
    this.path = path;
    this.temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
    this.fd = openSync(this.temporary, "wx", 420);
  }
  path;
  temporary;
  fd;
  write(text2) {
    if (this.fd === void 0) throw new Error(`${this.path}: written after it was closed`);
    const bytes = Buffer.from(text2, "utf8");
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
  }
  /** Flushes the file (so it survives a crash of the machine too, not only of convgrade) and renames it into place. */
  commit() {
    if (this.fd === void 0) throw new Error(`${this.path}: committed twice`);
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = void 0;
    }
    try {
      renameSync(this.temporary, this.path);
    } catch (error) {
      rmSync(this.temporary, { force: true });
      throw error;
    }
  }
  abort() {
    if (this.fd !== void 0) closeSync(this.fd);
    this.fd = void 0;
    rmSync(this.temporary, { force: true });
  }
};
function writeDurable(path, text2) {
  const file = new DurableFile(path);
  try {
    file.write(text2);
  } catch (error) {
    file.abort();
    throw error;
  }
  file.commit();
}
function removeLeftovers(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (TEMPORARY.test(name)) rmSync(join(dir, name), { force: true });
}
function readOwnFile(path, maxBytes, accept = () => true) {
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return void 0;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes || !accept(stats)) return void 0;
    const buffer = Buffer.alloc(stats.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } catch {
    return void 0;
  } finally {
    closeSync(fd);
  }
}

// src/batch/outputs.ts
import { existsSync, lstatSync as lstatSync2, mkdirSync as mkdirSync2, readdirSync as readdirSync3, readFileSync, rmSync as rmSync3 } from "node:fs";
import { basename as basename2, join as join3 } from "node:path";

// src/batch/result-store.ts
import { createHash as createHash2, createHmac, timingSafeEqual } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync as readdirSync2, rmSync as rmSync2 } from "node:fs";
import { join as join2 } from "node:path";

// src/batch/report-name.ts
import { createHash } from "node:crypto";
function reportFileName(name) {
  if (/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/.test(name) && !/-[0-9a-f]{12}$/.test(name)) return `${name}.json`;
  const plain = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\./, "_").slice(0, 80);
  return `${plain}-${createHash("sha256").update(name, "utf8").digest("hex").slice(0, 12)}.json`;
}

// src/batch/result-store.ts
var STORE_FOLDER = ".convgrade";
var RESULTS_FOLDER = "results";
var MAX_BYTES = 4 * 1024 * 1024;
var MAX_REPORT_BYTES = 64 * 1024 * 1024;
var FORMAT = "convgrade-stored-result/1";
function realFolder(path, mode) {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    stats = void 0;
  }
  if (stats && !stats.isDirectory()) throw new HarnessError("USAGE", `${path} is not a folder (a link?): convgrade will not write through it`);
  mkdirSync(path, { recursive: true, ...mode === void 0 ? {} : { mode } });
}
var ResultStore = class {
  constructor(out, secret) {
    this.secret = secret;
    realFolder(join2(out, STORE_FOLDER), 448);
    this.dir = join2(out, STORE_FOLDER, RESULTS_FOLDER);
    realFolder(this.dir, 448);
    removeLeftovers(this.dir);
  }
  secret;
  dir;
  path(name) {
    return join2(this.dir, reportFileName(name));
  }
  mac(body) {
    return createHmac("sha256", this.secret).update(body, "utf8").digest("hex");
  }
  /** Stores a submission's result (durably: see durable-file.ts). */
  write(result) {
    const body = JSON.stringify({ format: FORMAT, ...result });
    writeDurable(this.path(result.name), `${this.mac(body)}
${body}
`);
  }
  /** The stored result of a submission if it is authentic and names it, else why not. */
  read(name) {
    const bytes = readOwnFile(this.path(name), MAX_BYTES);
    if (bytes === void 0) return "missing";
    const text2 = bytes.toString("utf8");
    const newline = text2.indexOf("\n");
    if (newline !== 64 || !text2.endsWith("\n")) return "not authentic";
    const body = text2.slice(newline + 1, -1);
    const given = Buffer.from(text2.slice(0, 64), "utf8");
    if (!timingSafeEqual(given, Buffer.from(this.mac(body), "utf8"))) return "not authentic";
    const stored = JSON.parse(body);
    if (stored.format !== FORMAT) return "not authentic";
    return stored.name === name ? stored : "other submission";
  }
  /**
   * The stored result of a submission when resume may reuse it: authentic, for this batch key and this
   * content, not a harness fault, and its report file still the one it was stored with.
   */
  reusable(name, batch, submission, reportPath) {
    const stored = this.read(name);
    if (typeof stored === "string") return stored;
    if (!stored.reusable) return "not reusable";
    if (stored.batch !== batch) return "other batch";
    if (stored.submission !== submission) return "submission changed";
    const report = readOwnFile(reportPath, MAX_REPORT_BYTES);
    if (report === void 0 || sha256(report) !== stored.report) return "report changed";
    return stored;
  }
  /** Removes the stored results of submissions not in keep (by file name): gone from the class. */
  prune(keep) {
    for (const entry of readdirSync2(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory() && !keep.has(entry.name)) rmSync2(join2(this.dir, entry.name), { force: true });
    }
  }
};
var sha256 = (bytes) => createHash2("sha256").update(bytes).digest("hex");

// src/batch/outputs.ts
var GRADEBOOK_FILE = "gradebook.csv";
var CLASS_REPORT_FILE = "report.html";
var REPORTS_FOLDER = "reports";
function submissionJson(result) {
  if (result.status === "harness-error") {
    return `${json({ submission: result.submission, status: result.status, code: result.code, message: result.message }, 2)}
`;
  }
  const chunks = [];
  jsonReporter({ write: (chunk) => chunks.push(chunk) }, { color: false }).onEnd(result.report);
  return chunks.join("");
}
function prepareOutput(out) {
  mkdirSync2(out, { recursive: true });
  realFolder(join3(out, REPORTS_FOLDER));
  removeLeftovers(out);
  removeLeftovers(join3(out, REPORTS_FOLDER));
}
function emptyReports(out) {
  for (const entry of readdirSync3(join3(out, REPORTS_FOLDER), { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".json")) rmSync3(join3(out, REPORTS_FOLDER, entry.name));
  }
}
function readSubmissionJson(path) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new HarnessError("USAGE", `cannot read ${path}: ${error.message}`);
  }
  if (typeof doc?.submission !== "string") throw new HarnessError("USAGE", `${path} is not a convgrade report`);
  const name = basename2(doc.submission);
  if (doc.status === "harness-error") {
    return { name, status: "harness-error", code: doc.code, message: String(doc.message), submission: doc.submission, durationMs: 0 };
  }
  const report = doc;
  if (!Array.isArray(report.functions)) throw new HarnessError("USAGE", `${path} is not a convgrade report`);
  return { name, status: report.functions.every((f) => f.status === "pass") ? "pass" : "fail", report, durationMs: report.durationMs };
}
function mergeOutputs(folders, out) {
  const books = folders.map((folder) => {
    const file = join3(folder, GRADEBOOK_FILE);
    if (!existsSync(file)) throw new HarnessError("USAGE", `no ${GRADEBOOK_FILE} in ${folder}`);
    return readGradebook(readFileSync(file, "utf8"), file);
  });
  const merged = mergeGradebooks(books);
  const withReports = folders.every((folder) => existsSync(join3(folder, REPORTS_FOLDER)) && lstatSync2(join3(folder, REPORTS_FOLDER)).isDirectory());
  mkdirSync2(out, { recursive: true });
  replaceFile(join3(out, GRADEBOOK_FILE), merged);
  const submissions = books.reduce((sum, book) => sum + book.rows.length, 0);
  if (!withReports) return { submissions, html: false };
  prepareOutput(out);
  emptyReports(out);
  const summaries = [];
  const maxScores = /* @__PURE__ */ new Map();
  const copiedFrom = /* @__PURE__ */ new Map();
  for (const folder of folders) {
    const reports = join3(folder, REPORTS_FOLDER);
    for (const entry of readdirSync3(reports, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".json"))) {
      const other = copiedFrom.get(entry.name);
      if (other !== void 0) throw new HarnessError("USAGE", `${REPORTS_FOLDER}/${entry.name} is in both ${other} and ${folder}: are two shards the same?`);
      copiedFrom.set(entry.name, folder);
      const result = readSubmissionJson(join3(reports, entry.name));
      if (result.status !== "harness-error") {
        for (const f of result.report.functions) if (!maxScores.has(f.name)) maxScores.set(f.name, f.maxScore);
      }
      summaries.push(summarize(result));
      replaceFile(join3(out, REPORTS_FOLDER, entry.name), readFileSync(join3(reports, entry.name), "utf8"));
    }
  }
  const header = books[0].header;
  const names = header.slice(GRADEBOOK_COLUMNS.length);
  const functions = names.map((name) => {
    const exercise = EXERCISES.find((e) => e.name === name);
    return { name, snakeName: exercise?.snakeName ?? name, maxScore: maxScores.get(name) ?? 0 };
  });
  summaries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const stats = new ClassStats();
  for (const s of summaries) stats.add(s);
  const parts = { dir: folders.join(" + "), functions, maxScore: functions.reduce((sum, f) => sum + f.maxScore, 0) };
  replaceFile(join3(out, CLASS_REPORT_FILE), classReportHead(parts, stats) + summaries.map((s) => submissionRowHtml(s, functions)).join("") + CLASS_REPORT_TAIL);
  return { submissions, html: true };
}

// src/batch/class-files.ts
function writeClassFiles(out, store, input) {
  const summaryOf = (name) => {
    const stored = store.read(name);
    if (typeof stored === "string" || stored.batch !== input.batch) {
      throw new HarnessError(
        "INTERNAL",
        `the stored result of ${inline(name)} changed while the gradebook was built (${typeof stored === "string" ? stored : "other batch"})`
      );
    }
    return stored.summary;
  };
  const gradebook = new DurableFile(join4(out, GRADEBOOK_FILE));
  let html;
  try {
    const stats = new ClassStats();
    gradebook.write(csvText([gradebookHeader(input.functions)]));
    for (const name of input.names) {
      const summary = summaryOf(name);
      gradebook.write(csvText([gradebookRow(summary, input.functions, input.maxScore)]));
      stats.add(summary);
    }
    html = new DurableFile(join4(out, CLASS_REPORT_FILE));
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
  for (const entry of readdirSync4(join4(out, REPORTS_FOLDER), { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".json") && !keep.has(entry.name)) rmSync4(join4(out, REPORTS_FOLDER, entry.name), { force: true });
  }
}

// src/batch/grade-class.ts
import { mkdtempSync, rmSync as rmSync5 } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join as join7, relative as relative3 } from "node:path";

// src/batch/discover.ts
import { existsSync as existsSync2, readdirSync as readdirSync5, realpathSync, statSync } from "node:fs";
import { join as join5, relative } from "node:path";
function listClass(dir, exclude = [], cwd = process.cwd()) {
  if (!existsSync2(dir) || !statSync(dir).isDirectory()) {
    throw new HarnessError("SUBMISSION_MISSING", `class folder not found: ${relative(cwd, dir) || dir}`);
  }
  const root = realpathSync(dir);
  const excluded = new Set(exclude.filter((path) => existsSync2(path)).map((path) => realpathSync(path)));
  const names = [];
  const skipped = [];
  for (const entry of readdirSync5(root, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isSymbolicLink()) skipped.push({ name: entry.name, reason: "a symbolic link, not followed" });
    else if (!entry.isDirectory()) skipped.push({ name: entry.name, reason: "not a folder" });
    else if (excluded.has(join5(root, entry.name))) skipped.push({ name: entry.name, reason: "the output folder" });
    else names.push(entry.name);
  }
  names.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  return { dir: root, names, skipped };
}

// src/batch/grading-key.ts
import { createHash as createHash3, randomBytes as randomBytes2 } from "node:crypto";
import { readdirSync as readdirSync6, readFileSync as readFileSync2, writeFileSync } from "node:fs";
import { join as join6, relative as relative2 } from "node:path";
function batchKey(options) {
  return JSON.stringify({
    convgrade: packageVersion(),
    fixtures: fixturesHash(options.fixturesDir),
    functions: options.functions?.map((e) => e.name) ?? "all",
    timeoutMs: options.timeoutMs,
    memoryMb: options.memoryMb
  });
}
function fixturesHash(dir) {
  const hash = createHash3("sha256");
  const names = readdirSync6(dir).filter((name) => name.endsWith(".json")).sort();
  for (const name of names)
    hash.update(`${name}\0`).update(
      createHash3("sha256").update(readFileSync2(join6(dir, name))).digest()
    );
  return hash.digest("hex");
}
function submissionHash(dir) {
  const read = readSubmission(
    dir,
    EXERCISES.map((exercise) => join6(dir, exercise.file))
  );
  const hash = createHash3("sha256");
  for (const [path, file] of [...read].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    const body = "source" in file ? `source\0${file.source}` : `problem\0${file.problem}`;
    hash.update(`${relative2(dir, path)}\0`).update(createHash3("sha256").update(body, "utf8").digest());
  }
  return hash.digest("hex");
}
var KEY_FILE = "batch-key";
var KEY_BYTES = 32;
function batchSecret(folder, env = process.env) {
  const given = env.CONVGRADE_BATCH_KEY;
  if (given !== void 0) {
    if (given.length < 32) throw new HarnessError("USAGE", "CONVGRADE_BATCH_KEY must have at least 32 characters (a random secret)");
    return { secret: Buffer.from(given, "utf8"), persistent: true };
  }
  if (!privateDir(folder)) return { secret: randomBytes2(KEY_BYTES), persistent: false, why: `${folder} is not a private folder of this user` };
  const path = join6(folder, KEY_FILE);
  const existing = readKey(path);
  if (existing) return { secret: existing, persistent: true };
  try {
    writeFileSync(path, randomBytes2(KEY_BYTES), { flag: "wx", mode: 384 });
  } catch {
  }
  const made = readKey(path);
  return made ? { secret: made, persistent: true } : { secret: randomBytes2(KEY_BYTES), persistent: false, why: `${path} cannot be made or is not private` };
}
function readKey(path) {
  const uid = process.getuid?.();
  const key = readOwnFile(path, KEY_BYTES, (stats) => stats.size === KEY_BYTES && (uid === void 0 || stats.uid === uid && (stats.mode & 63) === 0));
  return key?.length === KEY_BYTES ? key : void 0;
}

// src/batch/shard.ts
import { createHash as createHash4 } from "node:crypto";
function parseShard(text2) {
  const match = /^(\d+)\/(\d+)$/.exec(text2.trim());
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new HarnessError("USAGE", `--shard must be i/n with 1 <= i <= n, such as 1/4 (got ${JSON.stringify(text2)})`);
  }
  return { index, count };
}
function shardOf(name, count) {
  const digest = createHash4("sha256").update(name, "utf8").digest();
  return digest.readUInt32BE(0) % count + 1;
}
function inShard(name, shard) {
  return shard === void 0 || shardOf(name, shard.count) === shard.index;
}

// src/batch/grade-class.ts
var FAULTS_NAMED = 50;
async function gradeClass(given) {
  const started = performance.now();
  const cwd = given.cwd ?? process.cwd();
  const timeoutMs = given.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryMb = given.memoryMb ?? DEFAULT_MEMORY_MB;
  const fixturesDir = given.fixturesDir ?? PACKAGE_FIXTURES;
  const jobs = Math.max(1, given.jobs ?? availableParallelism());
  const resume = given.resume ?? true;
  checkLimits({ memoryMb, timeoutMs, requireIsolation: given.requireIsolation });
  const listing = listClass(given.dir, given.exclude, cwd);
  const ownCache = given.cache ? void 0 : mkdtempSync(join7(tmpdir(), "convgrade-batch-"));
  const cache = given.cache ?? new DiskCache(ownCache);
  try {
    const functions = gradedFunctions(await loadFixtures(fixturesDir, given.functions, cache, cwd));
    const batch = batchKey({ fixturesDir, functions: given.functions, timeoutMs, memoryMb });
    prepareOutput(given.out);
    const store = new ResultStore(given.out, given.secret);
    const names = listing.names.filter((name) => inShard(name, given.shard));
    given.onEvent?.({ type: "start", total: names.length, jobs, functions });
    const counts = { pass: 0, fail: 0, "harness-error": 0 };
    const faults = [];
    let reused = 0;
    let next = 0;
    let done = 0;
    const context = {
      classDir: listing.dir,
      out: given.out,
      store,
      batch,
      resume,
      checkOne: given.checkOne ?? check,
      shared: { fixturesDir, functions: given.functions, timeoutMs, memoryMb, cache, cwd, requireIsolation: given.requireIsolation }
    };
    const one = async (name, transpiler) => {
      const { summary, reused: wasReused, durationMs } = await gradeOrReuse(name, transpiler, context);
      counts[summary.status]++;
      if (summary.status === "harness-error" && faults.length < FAULTS_NAMED) faults.push({ name: summary.name, message: summary.message });
      if (wasReused) reused++;
      given.onEvent?.({ type: "submission", summary, reused: wasReused, durationMs, done: ++done, total: names.length });
    };
    const worker = async () => {
      const transpiler = new TranspilerPool();
      try {
        while (next < names.length) await one(names[next++], transpiler);
      } finally {
        transpiler.close();
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, names.length) }, worker));
    return {
      dir: relative3(cwd, listing.dir) || ".",
      functions,
      maxScore: functions.reduce((sum, f) => sum + f.maxScore, 0),
      batch,
      names,
      counts,
      reused,
      faults,
      skipped: listing.skipped,
      otherShards: listing.names.length - names.length,
      ...given.shard ? { shard: given.shard } : {},
      jobs,
      durationMs: Math.round(performance.now() - started)
    };
  } finally {
    if (ownCache) rmSync5(ownCache, { recursive: true, force: true });
  }
}
function gradedFunctions(fixtures) {
  return fixtures.map(({ exercise, cases, gradientChecks }) => ({
    name: exercise.name,
    snakeName: exercise.snakeName,
    maxScore: [...cases, ...gradientChecks].reduce((sum, c) => sum + c.points, 0)
  }));
}
async function gradeOrReuse(name, transpiler, context) {
  const { store, batch } = context;
  const dir = join7(context.classDir, name);
  const reportPath = join7(context.out, REPORTS_FOLDER, reportFileName(name));
  const before = submissionHash(dir);
  if (context.resume) {
    const stored = store.reusable(name, batch, before, reportPath);
    if (typeof stored !== "string") return { summary: stored.summary, reused: true, durationMs: 0 };
  }
  const result = await gradeSubmission(dir, name, transpiler, context.checkOne, context.shared);
  const summary = summarize(result);
  const report = submissionJson(result);
  writeDurable(reportPath, report);
  const after = submissionHash(dir);
  store.write({
    name,
    batch,
    submission: after === before ? before : "",
    report: sha256(report),
    reusable: result.status !== "harness-error" && after === before,
    summary
  });
  return { summary, reused: false, durationMs: result.durationMs };
}
async function gradeSubmission(dir, name, transpiler, checkOne, shared) {
  const began = performance.now();
  try {
    const report = await checkOne({ ...shared, dir, jobs: 1, transpiler });
    const status = report.functions.every((f) => f.status === "pass") ? "pass" : "fail";
    return { name, status, report, durationMs: Math.round(performance.now() - began) };
  } catch (error) {
    const code = error instanceof HarnessError ? error.code : "INTERNAL";
    const message = error instanceof Error ? error.message : String(error);
    return {
      name,
      status: "harness-error",
      code,
      message,
      submission: relative3(shared.cwd ?? process.cwd(), dir),
      durationMs: Math.round(performance.now() - began)
    };
  }
}

// src/batch/similarity.ts
import { existsSync as existsSync3, rmSync as rmSync6 } from "node:fs";
import { join as join8, relative as relative4 } from "node:path";
import { fileURLToPath } from "node:url";

// src/report/similarity.ts
import { File, FingerprintIndex, TokenizedFile } from "@dodona/dolos-core";
var FRAGMENT_LINES = 40;
var FLAG_SIMILARITY = 0.6;
var MAX_TOKENS = 2e5;
var KEYWORDS = new Set(
  "abstract any as async await boolean break case catch class const constructor continue debugger declare default delete do else enum export extends false finally for from function get if implements import in instanceof interface is keyof let new null number of private protected public readonly return set static string super switch this throw true try type typeof undefined unknown var void while yield".split(" ")
);
var LEXER = /\s+|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|([A-Za-z_$][\w$]*)|(\d[\w.]*|\.\d[\w]*)|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\[\s\S])*`?)|(=>|\.\.\.|\?\?=?|\?\.|[=!]==?|[<>]=?|&&=?|\|\|=?|[-+*/%&|^]=?|\*\*=?|\+\+|--|[\s\S])/y;
function tokenize(text2, firstRow = 0) {
  const tokens = [];
  const mapping = [];
  let row = firstRow;
  let lineStart = 0;
  LEXER.lastIndex = 0;
  for (let match = LEXER.exec(text2); match && tokens.length < MAX_TOKENS; match = LEXER.exec(text2)) {
    const start = match.index;
    const end = LEXER.lastIndex;
    const [whole, word, number, string, punctuation] = match;
    const token = word !== void 0 ? KEYWORDS.has(word) ? word : "id" : number !== void 0 ? "num" : string !== void 0 ? "str" : punctuation;
    if (token !== void 0) {
      const startCol = start - lineStart;
      let endRow = row;
      let endLineStart = lineStart;
      for (let k = whole.indexOf("\n"); k >= 0; k = whole.indexOf("\n", k + 1)) {
        endRow++;
        endLineStart = start + k + 1;
      }
      tokens.push(token);
      mapping.push(regionOf(row, startCol, endRow, end - endLineStart));
    }
    for (let k = whole.indexOf("\n"); k >= 0; k = whole.indexOf("\n", k + 1)) {
      row++;
      lineStart = start + k + 1;
    }
    if (end === start) break;
  }
  return { tokens, mapping };
}
var regionOf = (startRow, startCol, endRow, endCol) => ({ startRow, startCol, endRow, endCol });
function asFile(name, files, id) {
  const rows = [];
  const tokens = [];
  const mapping = [];
  const parts = [];
  for (const { path, source } of files) {
    const lines = source.split("\n");
    const at = rows.length;
    for (let k = 0; k < lines.length; k++) rows.push({ path, line: k + 1 });
    const tokenized = tokenize(source, at);
    tokens.push(...tokenized.tokens);
    mapping.push(...tokenized.mapping);
    parts.push(source);
  }
  const file = new File(name, parts.join("\n"), void 0, id);
  return { file: new TokenizedFile(file, tokens, mapping), rows };
}
function similarPairs(sources, template, options = {}) {
  const kgramLength = options.kgramLength ?? 20;
  const window = options.window ?? 10;
  const limit = options.maxSubmissionsPerFingerprint ?? Math.max(5, Math.ceil(sources.length / 10));
  const index = new FingerprintIndex(kgramLength, window, false);
  const rowsOf = /* @__PURE__ */ new Map();
  sources.forEach((source, k) => {
    const { file, rows } = asFile(source.name, source.files, k + 1);
    rowsOf.set(file, rows);
    index.addFiles([file]);
    file.mapping.length = 0;
  });
  index.updateMaxFingerprintFileCount(limit);
  index.addIgnoredFile(asFile("template", template, 0).file);
  const minSimilarity = options.minSimilarity ?? 0;
  const top = options.top ?? 100;
  const pairs = candidatePairs(index, top * 10).filter((pair) => pair.similarity >= minSimilarity && pair.leftCovered + pair.rightCovered > 0).sort((a, b) => b.similarity - a.similarity || b.longest - a.longest || (a.leftFile.path + a.rightFile.path < b.leftFile.path + b.rightFile.path ? -1 : 1)).slice(0, top);
  return pairs.map((pair) => describe(pair, rowsOf, options.fragmentsPerPair ?? 3));
}
function candidatePairs(index, most) {
  const entries = index.entries();
  const position = new Map(entries.map((entry, k) => [entry.file, k]));
  const owners = /* @__PURE__ */ new Map();
  const ownersOf = (shared) => {
    let found = owners.get(shared);
    if (!found) {
      found = Int32Array.from(shared.files(), (file) => position.get(file) ?? -1);
      owners.set(shared, found);
    }
    return found;
  };
  const counts = new Int32Array(entries.length);
  const best = [];
  let floor = 0;
  for (let i = 0; i < entries.length; i++) {
    const touched = [];
    for (const shared of entries[i].shared) {
      for (const j of ownersOf(shared)) {
        if (j <= i) continue;
        if (counts[j]++ === 0) touched.push(j);
      }
    }
    for (const j of touched) {
      const share = 2 * counts[j] / (entries[i].shared.size + entries[j].shared.size);
      counts[j] = 0;
      if (share < floor) continue;
      best.push({ i, j, share });
      if (best.length >= 2 * most) {
        best.sort((x, y) => y.share - x.share);
        best.length = most;
        floor = best[most - 1].share;
      }
    }
  }
  return best.sort((x, y) => y.share - x.share).slice(0, most).map(({ i, j }) => index.getPair(entries[i].file, entries[j].file));
}
function describe(pair, rowsOf, fragmentsPerPair) {
  const swap = pair.leftFile.path > pair.rightFile.path;
  const side = (file, region) => {
    const rows = rowsOf.get(file) ?? [];
    const lines = file.lines.slice(region.startRow, Math.min(region.endRow + 1, region.startRow + FRAGMENT_LINES));
    const [start, end] = [rows[region.startRow], rows[region.endRow]];
    return { file: start?.path ?? "", startLine: start?.line ?? 0, endFile: end?.path ?? "", endLine: end?.line ?? 0, text: lines.join("\n") };
  };
  const fragments = pair.buildFragments().sort((a, b) => b.leftkgrams.to - b.leftkgrams.from - (a.leftkgrams.to - a.leftkgrams.from)).slice(0, fragmentsPerPair).map((fragment) => {
    const left = side(pair.leftFile, fragment.leftSelection);
    const right = side(pair.rightFile, fragment.rightSelection);
    return { tokens: fragment.leftkgrams.to - fragment.leftkgrams.from, ...swap ? { left: right, right: left } : { left, right } };
  });
  return {
    left: swap ? pair.rightFile.path : pair.leftFile.path,
    right: swap ? pair.leftFile.path : pair.rightFile.path,
    similarity: pair.similarity,
    longest: pair.longest,
    fragments
  };
}

// src/report/similarity-html.ts
var SHOWN_PAIRS = 10;
var h2 = (value) => escapeHtml(inline(value));
var place = (s) => s.file === s.endFile ? `${s.file}:${s.startLine}-${s.endLine}` : `${s.file}:${s.startLine}-${s.endFile}:${s.endLine}`;
var percent2 = (share) => `${Math.round(share * 100)}%`;
var SIMILARITY_COLUMNS = ["left", "right", "similarity", "flagged", "longestFragment", "fragments"];
function similarityCsv(pairs) {
  const rows = pairs.map((p) => [
    p.left,
    p.right,
    p.similarity.toFixed(3),
    p.similarity >= FLAG_SIMILARITY ? "yes" : "no",
    String(p.longest),
    p.fragments.map((f) => `${place(f.left)} ~ ${place(f.right)}`).join("; ")
  ]);
  return csvText([[...SIMILARITY_COLUMNS], ...rows]);
}
function similaritySection(pairs, compared) {
  const flagged = pairs.filter((p) => p.similarity >= FLAG_SIMILARITY);
  const out = [
    `<h2 id="similarity">Submissions that look alike</h2>`,
    `<p>${compared} submissions compared (winnowed fingerprints of their tokens, with Dolos; the exercise stubs and code nearly every submission shares do not count). A pair at ${percent2(FLAG_SIMILARITY)} or more is flagged: worth a look by a person, not a verdict. It cannot tell who copied from whom, nor find copying from outside the class or a solution rewritten statement by statement.</p>`
  ];
  if (pairs.length === 0) {
    out.push(`<p>No two submissions share a fragment long enough to count.</p>`);
    return out.join("\n");
  }
  out.push(
    `<table id="similar-pairs"><thead><tr><th>submission</th><th>submission</th><th class="num">similarity</th><th class="num">longest fragment</th></tr></thead><tbody>`
  );
  for (const p of pairs.slice(0, 50)) {
    out.push(
      `<tr${p.similarity >= FLAG_SIMILARITY ? ` class="flagged"` : ""}><td>${h2(p.left)}</td><td>${h2(p.right)}</td><td class="num">${percent2(p.similarity)}</td><td class="num">${p.longest}</td></tr>`
    );
  }
  out.push(`</tbody></table>`);
  for (const p of flagged.slice(0, SHOWN_PAIRS)) {
    out.push(`<h3>${h2(p.left)} and ${h2(p.right)}: ${percent2(p.similarity)}</h3><table class="fragments"><tbody>`);
    for (const f of p.fragments) {
      out.push(
        `<tr><th>${h2(place(f.left))}</th><th>${h2(place(f.right))}</th></tr>`,
        `<tr><td><div class="msg">${escapeHtml(text(f.left.text))}</div></td><td><div class="msg">${escapeHtml(text(f.right.text))}</div></td></tr>`
      );
    }
    out.push(`</tbody></table>`);
  }
  return out.join("\n");
}

// src/batch/similarity.ts
var SIMILARITY_FILE = "similarity.csv";
var PACKAGE_EXERCISES = fileURLToPath(new URL("../../exercises", import.meta.url));
function submissionSources(dir) {
  const entries = EXERCISES.map((exercise) => join8(dir, exercise.file));
  const read = readSubmission(dir, entries);
  const order = (path) => entries.includes(path) ? entries.indexOf(path) : entries.length;
  return [...read.values()].filter((file) => "source" in file).sort((a, b) => order(a.path) - order(b.path) || (a.path < b.path ? -1 : 1)).map((file) => ({ path: relative4(dir, file.path), source: file.source }));
}
function writeSimilarity(out, classDir, names, templateDir = PACKAGE_EXERCISES) {
  const template = existsSync3(templateDir) ? submissionSources(templateDir) : [];
  const pairs = similarPairs(
    names.map((name) => ({ name, files: submissionSources(join8(classDir, name)) })),
    template
  );
  writeDurable(join8(out, SIMILARITY_FILE), similarityCsv(pairs));
  return pairs;
}
function removeSimilarity(out) {
  rmSync6(join8(out, SIMILARITY_FILE), { force: true });
}

// src/cli/progress.ts
function useProgressBar(stream, env = process.env) {
  return stream.isTTY === true && !env.CI && env.TERM !== "dumb";
}
function lineProgress(write) {
  return {
    onEvent(event) {
      if (event.type === "start") write(`grading ${event.total} submissions, ${event.jobs} at a time
`);
      else {
        const r = event.summary;
        const score = r.status === "harness-error" ? `not graded: ${inline(r.message)}` : `${r.score}/${r.maxScore}`;
        const took = event.reused ? "stored result reused" : `${(event.durationMs / 1e3).toFixed(1)} s`;
        write(`[${event.done}/${event.total}] ${inline(r.name)} ${score} ${r.status} (${took})
`);
      }
    },
    stop() {
    }
  };
}
async function barProgress(stream) {
  const { SingleBar, Presets } = (await import("cli-progress")).default;
  const bar = new SingleBar(
    { stream, format: "grading {bar} {value}/{total} submissions | {rate}/s | {duration_formatted} | {faults}", hideCursor: true, clearOnComplete: false },
    Presets.shades_classic
  );
  const started = performance.now();
  let faults = 0;
  return {
    onEvent(event) {
      if (event.type === "start") bar.start(event.total, 0, { rate: "0.0", faults: "" });
      else {
        if (event.summary.status === "harness-error") faults++;
        const rate = (event.done / ((performance.now() - started) / 1e3)).toFixed(1);
        bar.update(event.done, { rate, faults: faults ? `${faults} not graded (harness faults)` : "" });
      }
    },
    stop() {
      bar.stop();
    }
  };
}

// src/cli/grade.ts
var defaultBatchJobs = () => availableParallelism2();
function realPathOf(path) {
  const rest = [];
  let at = resolve(path);
  while (!existsSync4(at) && dirname2(at) !== at) {
    rest.unshift(basename3(at));
    at = dirname2(at);
  }
  return join9(realpathSync2(at), ...rest);
}
function checkOutOutside(classDir, out) {
  const root = realPathOf(classDir);
  const target = realPathOf(out);
  if (target === root || target.startsWith(`${root}${sep}`)) {
    throw new HarnessError("USAGE", `--out must be outside the class folder (${out} is inside ${classDir}): a submission there could own it`);
  }
}
async function runGrade(classDir, flags) {
  const shard = flags.shard === void 0 ? void 0 : parseShard(flags.shard);
  const out = resolve(flags.out);
  checkOutOutside(classDir, out);
  const key = batchSecret(defaultCacheDir());
  const progress = useProgressBar(process.stderr) ? await barProgress(process.stderr) : lineProgress((text2) => void process.stderr.write(text2));
  let started = false;
  const result = await gradeClass({
    dir: resolve(classDir),
    out,
    secret: key.secret,
    resume: !flags.regrade,
    fixturesDir: resolve(flags.fixtures ?? PACKAGE_FIXTURES),
    timeoutMs: flags.timeout,
    memoryMb: flags.memory,
    jobs: flags.jobs ?? defaultBatchJobs(),
    shard,
    exclude: [out],
    requireIsolation: flags.requireIsolation,
    // Without --no-cache, the cache check uses; with it, one private to this batch (gradeClass's default).
    cache: flags.cache ? new DiskCache(defaultCacheDir()) : void 0,
    onEvent: (event) => {
      if (event.type === "start" && !started) {
        started = true;
        warnIfNetworkOpen(isolation());
      }
      progress.onEvent(event);
    }
  }).finally(() => progress.stop());
  const store = new ResultStore(out, key.secret);
  let similarity;
  if (flags.similarity) {
    const began = performance.now();
    const pairs = writeSimilarity(out, resolve(classDir), result.names);
    const flagged = pairs.filter((p) => p.similarity >= FLAG_SIMILARITY).length;
    similarity = {
      section: similaritySection(pairs, result.names.length),
      line: `similarity: ${result.names.length} submissions compared in ${((performance.now() - began) / 1e3).toFixed(1)} s, ${flagged} pairs flagged (${Math.round(FLAG_SIMILARITY * 100)}% alike or more): see ${SIMILARITY_FILE}`
    };
  } else removeSimilarity(out);
  writeClassFiles(out, store, { ...result, ...similarity ? { extraSection: similarity.section } : {} });
  const { counts } = result;
  const total = result.names.length;
  const graded = total - result.reused;
  const shown = relative5(process.cwd(), out) || ".";
  const seconds = result.durationMs / 1e3;
  const rate = seconds > 0 ? (graded / seconds).toFixed(1) : "-";
  const lines = [
    `graded ${total} submissions${shard ? ` (shard ${shard.index}/${shard.count}; ${result.otherShards} in other shards)` : ""} in ${seconds.toFixed(1)} s (${rate}/s, ${result.jobs} at a time): ${counts.pass} full marks, ${counts.fail} short of them, ${counts["harness-error"]} not graded (harness faults)`,
    flags.regrade ? "resume: off (--regrade): every submission graded again" : key.persistent ? `resume: ${result.reused} stored results reused, ${graded} graded (new, changed, or not reusable)` : `resume: off (${key.why}; set CONVGRADE_BATCH_KEY to resume): every submission graded`,
    `wrote ${shown}/${GRADEBOOK_FILE}, ${shown}/${CLASS_REPORT_FILE} and ${shown}/${REPORTS_FOLDER}/`
  ];
  if (similarity) lines.push(similarity.line);
  for (const skipped of result.skipped) lines.push(`skipped ${inline(skipped.name)}: ${skipped.reason}`);
  for (const s of result.faults) lines.push(`not graded: ${inline(s.name)}: ${inline(s.message)}`);
  if (counts["harness-error"] > result.faults.length)
    lines.push(`not graded: ${counts["harness-error"] - result.faults.length} more (see ${shown}/${GRADEBOOK_FILE})`);
  process.stdout.write(`${lines.join("\n")}
`);
  return counts["harness-error"] > 0 ? ExitCode.BatchIncomplete : ExitCode.Pass;
}
async function runMerge(folders, flags) {
  const out = resolve(flags.out);
  const merged = mergeOutputs(
    folders.map((folder) => resolve(folder)),
    out
  );
  const shown = relative5(process.cwd(), out) || ".";
  process.stdout.write(
    `merged ${folders.length} gradebooks, ${merged.submissions} submissions, into ${shown}/${GRADEBOOK_FILE}${merged.html ? `, with ${shown}/${CLASS_REPORT_FILE} and ${shown}/${REPORTS_FOLDER}/` : ""}
`
  );
  return ExitCode.Pass;
}
export {
  checkOutOutside,
  defaultBatchJobs,
  runGrade,
  runMerge
};
