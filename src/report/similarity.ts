/**
 * Which submissions look copied: pairs of submissions whose code shares long runs of tokens, with the
 * shared fragments. The matching is Dolos's (Ghent University; @dodona/dolos-core: winnowed k-gram
 * fingerprints, fragments built from consecutive shared k-grams, template files and overly common
 * fingerprints ignored); the tokens are convgrade's own (below), since Dolos's tree-sitter tokenizer
 * needs a native build.
 *
 * What it cannot tell: whether a pair copied, or from whom; nor copying from outside the class; and a
 * solution rewritten token by token (other loops, other order) is not found. It is a list of pairs to
 * look at, never a verdict.
 */
import { File, FingerprintIndex, type Pair, type Region, type SharedFingerprint, TokenizedFile } from "@dodona/dolos-core";

/** A submission's source files: those the grader read, in course order, paths relative to the submission. */
export interface SimilaritySource {
  name: string;
  files: { path: string; source: string }[];
}

/** Where a fragment lies in one submission (it may run from one file into the next), and its text. */
export interface FragmentSide {
  file: string;
  startLine: number;
  endFile: string;
  endLine: number;
  /** the lines it spans, at most FRAGMENT_LINES of them */
  text: string;
}

/** Lines of a fragment's text kept for the report. */
export const FRAGMENT_LINES = 40;

export interface SharedFragment {
  /** how many tokens the fragment spans (on the left) */
  tokens: number;
  left: FragmentSide;
  right: FragmentSide;
}

export interface SimilarPair {
  left: string;
  right: string;
  /** Dolos's similarity: the share of both submissions' fingerprints that they share (0 to 1) */
  similarity: number;
  /** the longest shared fragment, in k-grams */
  longest: number;
  fragments: SharedFragment[];
}

export interface SimilarityOptions {
  /** tokens per k-gram: shared runs shorter than this never count */
  kgramLength?: number;
  /** k-grams per winnowing window */
  window?: number;
  /**
   * Fingerprints found in more than this many submissions are ignored: code nearly everyone writes
   * (a one-line distributeValue) says nothing about copying. Default: 5, or a tenth of the class if more.
   */
  maxSubmissionsPerFingerprint?: number;
  /** pairs listed at most */
  top?: number;
  /** pairs below this similarity are not listed */
  minSimilarity?: number;
  /** fragments kept per pair */
  fragmentsPerPair?: number;
}

/** A pair at or above this similarity is flagged: worth a look by a person. */
export const FLAG_SIMILARITY = 0.6;
const MAX_TOKENS = 200_000;

const KEYWORDS = new Set(
  (
    "abstract any as async await boolean break case catch class const constructor continue debugger declare default delete do else enum export " +
    "extends false finally for from function get if implements import in instanceof interface is keyof let new null number of private " +
    "protected public readonly return set static string super switch this throw true try type typeof undefined unknown var void while yield"
  ).split(" "),
);
// One token at a time, each pattern linear in what it reads, so no source can make the lexer run away.
const LEXER =
  /\s+|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|([A-Za-z_$][\w$]*)|(\d[\w.]*|\.\d[\w]*)|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\[\s\S])*`?)|(=>|\.\.\.|\?\?=?|\?\.|[=!]==?|[<>]=?|&&=?|\|\|=?|[-+*/%&|^]=?|\*\*=?|\+\+|--|[\s\S])/y;

/**
 * The tokens of a source, as Dolos compares them: identifiers, numbers and strings by their kind only
 * (renaming a variable changes nothing), keywords and operators as themselves, comments and spaces
 * dropped; each with its place in the text.
 */
export function tokenize(text: string, firstRow = 0): { tokens: string[]; mapping: Region[] } {
  const tokens: string[] = [];
  const mapping: Region[] = [];
  let row = firstRow;
  let lineStart = 0;
  LEXER.lastIndex = 0;
  for (let match = LEXER.exec(text); match && tokens.length < MAX_TOKENS; match = LEXER.exec(text)) {
    const start = match.index;
    const end = LEXER.lastIndex;
    const [whole, word, number, string, punctuation] = match;
    const token = word !== undefined ? (KEYWORDS.has(word) ? word : "id") : number !== undefined ? "num" : string !== undefined ? "str" : punctuation;
    if (token !== undefined) {
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

// Region's constructor is all Dolos needs; made through a plain object to keep the import type-only.
const regionOf = (startRow: number, startCol: number, endRow: number, endCol: number) => ({ startRow, startCol, endRow, endCol }) as Region;

/** A submission as one Dolos file: its files one after the other, each row remembered with its file. */
function asFile(name: string, files: SimilaritySource["files"], id: number): { file: TokenizedFile; rows: { path: string; line: number }[] } {
  const rows: { path: string; line: number }[] = [];
  const tokens: string[] = [];
  const mapping: Region[] = [];
  const parts: string[] = [];
  for (const { path, source } of files) {
    const lines = source.split("\n");
    const at = rows.length;
    for (let k = 0; k < lines.length; k++) rows.push({ path, line: k + 1 });
    const tokenized = tokenize(source, at);
    tokens.push(...tokenized.tokens);
    mapping.push(...tokenized.mapping);
    parts.push(source);
  }
  const file = new File(name, parts.join("\n"), undefined, id);
  return { file: new TokenizedFile(file, tokens, mapping), rows };
}

/** The pairs of submissions most alike, most alike first; the template's code (the stubs) never counts. */
export function similarPairs(sources: readonly SimilaritySource[], template: SimilaritySource["files"], options: SimilarityOptions = {}): SimilarPair[] {
  const kgramLength = options.kgramLength ?? 20;
  const window = options.window ?? 10;
  const limit = options.maxSubmissionsPerFingerprint ?? Math.max(5, Math.ceil(sources.length / 10));
  // The limit is applied once all files are in: given at the start, Dolos walks every file of a common
  // fingerprint again each time one more file has it (minutes for a thousand submissions).
  const index = new FingerprintIndex(kgramLength, window, false);
  const rowsOf = new Map<TokenizedFile, { path: string; line: number }[]>();
  sources.forEach((source, k) => {
    const { file, rows } = asFile(source.name, source.files, k + 1);
    rowsOf.set(file, rows);
    index.addFiles([file]);
    // Every token's place is needed only while the file's fingerprints are made (each keeps the place
    // of its own k-gram): dropped at once, it is not held for the whole class.
    file.mapping.length = 0;
  });
  // The template after the submissions: Dolos ignores a template's fingerprints in the files already
  // indexed, not in files added after it.
  // Before the template: Dolos's update would take the template's fingerprints back in.
  index.updateMaxFingerprintFileCount(limit);
  index.addIgnoredFile(asFile("template", template, 0).file);
  const minSimilarity = options.minSimilarity ?? 0;
  const top = options.top ?? 100;
  // Ten times the pairs listed are built and measured by Dolos: the ranking by shared fingerprints is close to Dolos's.
  const pairs = candidatePairs(index, top * 10)
    .filter((pair) => pair.similarity >= minSimilarity && pair.leftCovered + pair.rightCovered > 0)
    .sort((a, b) => b.similarity - a.similarity || b.longest - a.longest || (a.leftFile.path + a.rightFile.path < b.leftFile.path + b.rightFile.path ? -1 : 1))
    .slice(0, top);
  return pairs.map((pair) => describe(pair, rowsOf, options.fragmentsPerPair ?? 3));
}

/**
 * The pairs that share the most fingerprints still counted, at most `most` of them, built as Dolos pairs.
 * Dolos's allPairs builds every pair of the class (50 million for 10,000 submissions), each an
 * intersection of fingerprint sets; here a pair is counted only from the fingerprints its two files
 * share (a fingerprint is in at most the limit's submissions), ranked by the share of their
 * fingerprints they have in common, and only the best are built.
 */
function candidatePairs(index: FingerprintIndex, most: number): Pair[] {
  const entries = index.entries();
  const position = new Map(entries.map((entry, k) => [entry.file, k]));
  // Each fingerprint's owners as positions, worked out once (the loop below visits them many times).
  const owners = new Map<SharedFingerprint, Int32Array>();
  const ownersOf = (shared: SharedFingerprint) => {
    let found = owners.get(shared);
    if (!found) {
      found = Int32Array.from(shared.files(), (file) => position.get(file) ?? -1);
      owners.set(shared, found);
    }
    return found;
  };
  const counts = new Int32Array(entries.length);
  const best: { i: number; j: number; share: number }[] = [];
  let floor = 0;
  for (let i = 0; i < entries.length; i++) {
    const touched: number[] = [];
    for (const shared of entries[i].shared) {
      for (const j of ownersOf(shared)) {
        if (j <= i) continue;
        if (counts[j]++ === 0) touched.push(j);
      }
    }
    for (const j of touched) {
      const share = (2 * counts[j]) / (entries[i].shared.size + entries[j].shared.size);
      counts[j] = 0;
      if (share < floor) continue;
      best.push({ i, j, share });
      // Keep the list short: sorted and cut to `most` whenever it doubles.
      if (best.length >= 2 * most) {
        best.sort((x, y) => y.share - x.share);
        best.length = most;
        floor = best[most - 1].share;
      }
    }
  }
  return best
    .sort((x, y) => y.share - x.share)
    .slice(0, most)
    .map(({ i, j }) => index.getPair(entries[i].file, entries[j].file));
}

function describe(pair: Pair, rowsOf: Map<TokenizedFile, { path: string; line: number }[]>, fragmentsPerPair: number): SimilarPair {
  // Names in order, so a pair reads the same whichever way Dolos built it.
  const swap = pair.leftFile.path > pair.rightFile.path;
  const side = (file: TokenizedFile, region: Region): FragmentSide => {
    const rows = rowsOf.get(file) ?? [];
    const lines = file.lines.slice(region.startRow, Math.min(region.endRow + 1, region.startRow + FRAGMENT_LINES));
    const [start, end] = [rows[region.startRow], rows[region.endRow]];
    return { file: start?.path ?? "", startLine: start?.line ?? 0, endFile: end?.path ?? "", endLine: end?.line ?? 0, text: lines.join("\n") };
  };
  const fragments = pair
    .buildFragments()
    .sort((a, b) => b.leftkgrams.to - b.leftkgrams.from - (a.leftkgrams.to - a.leftkgrams.from))
    .slice(0, fragmentsPerPair)
    .map((fragment) => {
      const left = side(pair.leftFile, fragment.leftSelection);
      const right = side(pair.rightFile, fragment.rightSelection);
      return { tokens: fragment.leftkgrams.to - fragment.leftkgrams.from, ...(swap ? { left: right, right: left } : { left, right }) };
    });
  return {
    left: swap ? pair.rightFile.path : pair.leftFile.path,
    right: swap ? pair.leftFile.path : pair.rightFile.path,
    similarity: pair.similarity,
    longest: pair.longest,
    fragments,
  };
}
