// src/report/sanitize.ts
var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;
var LINE_COMMAND = /^(\s*):(?=:)/gmu;
var INLINE_COMMAND = /#(?=#(?:vso)?\[)/g;
function escapeChar(char) {
  const code = char.charCodeAt(0);
  return code < 256 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
function wellFormed(text2) {
  return text2.replace(LONE_SURROGATE, "\uFFFD");
}
function neutralise(text2, keep) {
  return wellFormed(text2).replace(/\r\n/g, "\n").replace(UNSAFE, (char) => keep.test(char) ? char : escapeChar(char)).replace(LINE_COMMAND, (_, space) => `${space}\\x3a`).replace(INLINE_COMMAND, "\\x23");
}
function text(value) {
  return neutralise(value, /[\n\t]/);
}
function inline(value) {
  return neutralise(value, /(?!)/);
}
function xmlEscape(value, attribute) {
  const escaped = value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  return attribute ? escaped.replace(/\n/g, "&#10;").replace(/\t/g, "&#9;") : escaped;
}
function xmlText(value) {
  return xmlEscape(text(value), false);
}
function xmlAttribute(value) {
  return xmlEscape(text(value), true);
}
var JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;
function json(value, indent) {
  return JSON.stringify(value, (_, v) => typeof v === "string" ? wellFormed(v) : v, indent).replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`).replace(INLINE_COMMAND, "\\u0023");
}
function githubData(value) {
  return text(value).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function githubProperty(value) {
  return githubData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function markdownCell(value) {
  return inline(value).replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`).trim();
}

export {
  wellFormed,
  text,
  inline,
  xmlText,
  xmlAttribute,
  json,
  githubData,
  githubProperty,
  markdownCell
};
