import assert from "node:assert/strict";
import { test } from "node:test";
import { SaxesParser } from "saxes";
import { inline, json, text, wellFormed, xmlAttribute, xmlText } from "../../src/report/sanitize.js";

/** Every character a terminal, a log viewer or XML would act on, apart from newline and tab. */
const DANGEROUS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== "\n" && c !== "\t"),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)),
  "\u061c",
  "\u200e",
  "\u200f",
  "\u2028",
  "\u2029",
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\ufffe",
  "\uffff",
  "\udfff",
  "\ud800", // lone surrogates, in an order that pairs nothing
];
const RAW = new RegExp(`[${DANGEROUS.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}]`, "u");
const ATTACK =
  "\x1b[2J\x1b[H\rTotal 87/87\x1b[8m\u009b8m\u202eevil\u2066\ud800\n  ::error file=x::pwned\n\u00a0::warning::y ##[error]z ##vso[task.setvariable]";

/** No line of the text is a GitHub Actions workflow command once leading white space is trimmed. */
function noWorkflowCommand(out: string): void {
  for (const line of out.split("\n")) assert.ok(!/^[\s\u180e\u200b]*::/.test(line), `workflow command in ${JSON.stringify(line)}`);
  assert.doesNotMatch(out, /##(vso)?\[/);
}

/** Parses with saxes, a conformant XML 1.0 parser that rejects characters XML forbids. */
function parseXml(xml: string): { attribute: string; body: string } {
  const parser = new SaxesParser();
  let attribute = "";
  let body = "";
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    attribute = String(tag.attributes.m ?? "");
    body = "";
  });
  parser.on("text", (t) => (body += t));
  parser.write(xml).close();
  return { attribute, body };
}

test("text keeps newline, tab and ordinary Unicode, and shows every other control as a visible escape", () => {
  assert.equal(text("a\tb\nc ✓ é 𝛼 ∑"), "a\tb\nc ✓ é 𝛼 ∑");
  assert.equal(text("\x1b[31mred"), "\\x1b[31mred");
  assert.equal(text("over\rwrite"), "over\\x0dwrite");
  assert.equal(text("windows\r\nline"), "windows\nline");
  assert.equal(text("\u009b2J \u0085"), "\\x9b2J \\x85");
  assert.equal(text("abc\u202edef"), "abc\\u202edef");
  assert.equal(text("\x00\x07\x7f"), "\\x00\\x07\\x7f");
  for (const char of DANGEROUS) assert.doesNotMatch(text(`a${char}b`), RAW, `U+${char.charCodeAt(0).toString(16)}`);
  assert.doesNotMatch(text(ATTACK), RAW);
});

test("text breaks CI log commands, even indented, and leaves other colons alone", () => {
  assert.equal(text("::error::x"), "\\x3a:error::x");
  assert.equal(text("ok\n    ::set-output name=a::b"), "ok\n    \\x3a:set-output name=a::b");
  assert.equal(text("\t::group::g"), "\t\\x3a:group::g");
  assert.equal(text("a::b std::vector ::"), "a::b std::vector ::");
  assert.equal(text("x ##[error]y"), "x \\x23#[error]y");
  assert.equal(text("##vso[task.complete]"), "\\x23#vso[task.complete]");
  assert.equal(text("# ## #[ok]"), "# ## #[ok]");
  noWorkflowCommand(text(ATTACK));
  // Whatever the line breaks, including a CR the runner would split on.
  noWorkflowCommand(text("x\r::error::y\u2028::error::z\u0085::error::w"));
});

test("inline keeps a name on one line", () => {
  assert.equal(inline("zero-pad.ts"), "zero-pad.ts");
  assert.equal(inline("a\nTotal 87/87\tb"), "a\\x0aTotal 87/87\\x09b");
  assert.equal(inline("::error::x"), "\\x3a:error::x");
  assert.doesNotMatch(inline(ATTACK), /[\n\t]/);
  assert.doesNotMatch(inline(ATTACK), RAW);
});

test("wellFormed replaces lone surrogates only", () => {
  assert.equal(wellFormed("a\ud800b\udc00c"), "a\ufffdb\ufffdc");
  assert.equal(wellFormed("\udc00\ud800"), "\ufffd\ufffd");
  assert.equal(wellFormed("𝛼\ud835\udefc"), "𝛼𝛼");
});

test("XML text and attributes escape markup and parse with a conformant parser, whatever the input", () => {
  assert.equal(xmlText(`<a href="x">&'`), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  assert.equal(xmlAttribute("a\nb\tc"), "a&#10;b&#9;c");
  const inputs = [ATTACK, DANGEROUS.join(""), "]]><!-- --><![CDATA[", "&amp; &#0; &#xFFFE;", ...DANGEROUS];
  for (const input of inputs) {
    const { attribute, body } = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<r m="${xmlAttribute(input)}" n='${xmlAttribute(input)}'>${xmlText(input)}</r>`,
    );
    // What a consumer reads back is the escaped text form: no controls, no workflow commands.
    assert.equal(attribute, text(input));
    assert.equal(body, text(input));
    assert.doesNotMatch(body, RAW);
    noWorkflowCommand(body);
  }
});

test("json parses back to the same value, with lone surrogates replaced and no raw C1 or bidi controls", () => {
  const value = { output: "ok \x1b[2J \u0085 \u202e \u2028 \ufffe ##[error]x", name: "a\ud800", nested: [{ message: "\udfff::error::x" }] };
  const out = json(value, 2);
  assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029\ufffe\uffff]/);
  assert.doesNotMatch(out, /\\ud[89a-f]/i);
  assert.deepEqual(JSON.parse(out), { output: value.output, name: "a\ufffd", nested: [{ message: "\ufffd::error::x" }] });
  assert.doesNotMatch(out, /##(vso)?\[/);
  // Strings are single JSON lines, so no learner text can start a line of the document.
  noWorkflowCommand(out.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
});
