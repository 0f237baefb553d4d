/**
 * Learner text made inert for the medium that shows it. Everything a submission can control (what it
 * prints, thrown messages and error names, file names, and fixture text such as case names) goes
 * through one of these functions before a reporter writes it; convgrade's own colour codes are added
 * afterwards, around the escaped text.
 */

/** Unpaired UTF-16 halves: they have no UTF-8 form, so a strict consumer rejects them. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * What a terminal, a log viewer or an XML parser would act on rather than show: C0 controls and DEL
 * (ESC starts every escape sequence, CR rewrites the line), C1 controls (U+009B is a one-character
 * CSI on some terminals, U+0085 a line break), line and paragraph separators, the bidi marks,
 * embeddings, overrides and isolates that reorder what is displayed, and U+FFFE/U+FFFF, which XML 1.0
 * forbids. Newline and tab are let through by `text` and escaped by `inline`.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;

/**
 * CI log commands. GitHub Actions reads `::name ...::` on any line once leading whitespace is trimmed
 * (so indenting is no defence), and its older `##[name]` form, like Azure Pipelines' `##vso[`,
 * anywhere in a line.
 */
const LINE_COMMAND = /^(\s*):(?=:)/gmu;
const INLINE_COMMAND = /#(?=#(?:vso)?\[)/g;

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** Replaces lone surrogates with U+FFFD, so the text has a UTF-8 form. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}

function neutralise(text: string, keep: RegExp): string {
  return wellFormed(text)
    .replace(/\r\n/g, "\n")
    .replace(UNSAFE, (char) => (keep.test(char) ? char : escapeChar(char)))
    .replace(LINE_COMMAND, (_, space: string) => `${space}\\x3a`)
    .replace(INLINE_COMMAND, "\\x23");
}

/**
 * Learner text of several lines for a terminal or CI log: keeps newline and tab, shows every other
 * control character as a visible escape (`\x1b`, `\u202e`), and breaks CI log commands
 * (`::error` at a line start becomes `\x3a:error`).
 */
export function text(value: string): string {
  return neutralise(value, /[\n\t]/);
}

/** Learner text that must stay on one line (a name, a path): like `text`, newline and tab escaped too. */
export function inline(value: string): string {
  return neutralise(value, /(?!)/);
}

function xmlEscape(value: string, attribute: boolean): string {
  const escaped = value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  // A parser turns a raw newline or tab in an attribute into a space; character references survive.
  return attribute ? escaped.replace(/\n/g, "&#10;").replace(/\t/g, "&#9;") : escaped;
}

/**
 * Learner text for XML element content. It is first made safe as `text` would (a CI step may print
 * the message it reads from the file), which also removes everything XML 1.0 forbids: C0 controls
 * other than tab and newline, U+FFFE, U+FFFF and lone surrogates.
 */
export function xmlText(value: string): string {
  return xmlEscape(text(value), false);
}

/** Learner text for an XML attribute value in double or single quotes. */
export function xmlAttribute(value: string): string {
  return xmlEscape(text(value), true);
}

/** Characters JSON.stringify leaves raw that a terminal showing the file might act on. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;

/**
 * The whole report as JSON: every string well-formed (JSON.stringify would write a lone surrogate as
 * `\ud800`, which strict parsers reject), and written so that a CI step printing the file runs no
 * command: the controls JSON leaves raw, and the `#` of `##[`, become `\u` escapes, which parse back
 * to the same value. JSON.stringify already escapes C0 controls, so no string spans two lines and
 * `::` cannot start one.
 */
export function json(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "string" ? wellFormed(v) : v), indent)
    .replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(INLINE_COMMAND, "\\u0023");
}

/**
 * The data of a GitHub Actions workflow command (what follows the second `::`), as the Actions
 * toolkit escapes it (`escapeData` in @actions/core's command.ts): `%`, CR and LF percent-encoded, so
 * the command stays on one line and the runner decodes it back. Learner text is first made inert as
 * `text` would (controls shown as escapes), so what the annotation shows cannot be a command either.
 */
export function githubData(value: string): string {
  return text(value).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value of a workflow command (`file=…,line=…,title=…`): as `githubData`, and `:` and `,` too (`escapeProperty`). */
export function githubProperty(value: string): string {
  return githubData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Learner text for one cell of a Markdown table (GitHub's job summary): on one line, every ASCII
 * punctuation character backslash-escaped (CommonMark lets any of them be escaped, and an escaped one
 * starts no emphasis, link, HTML tag, entity, autolink or mention, and `\|` no new cell).
 */
export function markdownCell(value: string): string {
  return inline(value)
    .replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`)
    .trim();
}
