/**
 * The class report's section on submissions that look alike, and similarity.csv: the pairs most
 * alike, flagged at FLAG_SIMILARITY, with their longest shared fragments side by side. Names and code
 * are the learners' text: escaped for HTML after control characters are made visible, and made safe
 * for spreadsheets in the CSV as in the gradebook.
 */
import { escapeHtml } from "./class-html.js";
import { csvText } from "./gradebook-csv.js";
import { inline, text } from "./sanitize.js";
import { FLAG_SIMILARITY, type FragmentSide, type SimilarPair } from "./similarity.js";

/** Pairs shown with their fragments in the class report. */
const SHOWN_PAIRS = 10;

const h = (value: string) => escapeHtml(inline(value));
const place = (s: FragmentSide) => (s.file === s.endFile ? `${s.file}:${s.startLine}-${s.endLine}` : `${s.file}:${s.startLine}-${s.endFile}:${s.endLine}`);
const percent = (share: number) => `${Math.round(share * 100)}%`;

export const SIMILARITY_COLUMNS = ["left", "right", "similarity", "flagged", "longestFragment", "fragments"] as const;

/** similarity.csv: one row per pair, most alike first. */
export function similarityCsv(pairs: readonly SimilarPair[]): string {
  const rows = pairs.map((p) => [
    p.left,
    p.right,
    p.similarity.toFixed(3),
    p.similarity >= FLAG_SIMILARITY ? "yes" : "no",
    String(p.longest),
    p.fragments.map((f) => `${place(f.left)} ~ ${place(f.right)}`).join("; "),
  ]);
  return csvText([[...SIMILARITY_COLUMNS], ...rows]);
}

/** The section of the class report. */
export function similaritySection(pairs: readonly SimilarPair[], compared: number): string {
  const flagged = pairs.filter((p) => p.similarity >= FLAG_SIMILARITY);
  const out = [
    `<h2 id="similarity">Submissions that look alike</h2>`,
    `<p>${compared} submissions compared (winnowed fingerprints of their tokens, with Dolos; the exercise stubs and code nearly every submission shares do not count). ` +
      `A pair at ${percent(FLAG_SIMILARITY)} or more is flagged: worth a look by a person, not a verdict. It cannot tell who copied from whom, nor find copying from outside the class or a solution rewritten statement by statement.</p>`,
  ];
  if (pairs.length === 0) {
    out.push(`<p>No two submissions share a fragment long enough to count.</p>`);
    return out.join("\n");
  }
  out.push(
    `<table id="similar-pairs"><thead><tr><th>submission</th><th>submission</th><th class="num">similarity</th><th class="num">longest fragment</th></tr></thead><tbody>`,
  );
  for (const p of pairs.slice(0, 50)) {
    out.push(
      `<tr${p.similarity >= FLAG_SIMILARITY ? ` class="flagged"` : ""}><td>${h(p.left)}</td><td>${h(p.right)}</td><td class="num">${percent(p.similarity)}</td><td class="num">${p.longest}</td></tr>`,
    );
  }
  out.push(`</tbody></table>`);
  for (const p of flagged.slice(0, SHOWN_PAIRS)) {
    out.push(`<h3>${h(p.left)} and ${h(p.right)}: ${percent(p.similarity)}</h3><table class="fragments"><tbody>`);
    for (const f of p.fragments) {
      out.push(
        `<tr><th>${h(place(f.left))}</th><th>${h(place(f.right))}</th></tr>`,
        `<tr><td><div class="msg">${escapeHtml(text(f.left.text))}</div></td><td><div class="msg">${escapeHtml(text(f.right.text))}</div></td></tr>`,
      );
    }
    out.push(`</tbody></table>`);
  }
  return out.join("\n");
}
