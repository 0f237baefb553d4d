// src/report/title.ts
var STATUS_MARKS = { pass: "\u2713", fail: "\u2717", error: "!", "not-implemented": "\u25CB" };
var GRADIENT_CHECK = "gradient check: ";
function caseTitle(c, gradientCheck) {
  if (!gradientCheck || c.name.toLowerCase().startsWith(GRADIENT_CHECK.trim().toLowerCase())) return c.name;
  return GRADIENT_CHECK + c.name;
}

export {
  STATUS_MARKS,
  caseTitle
};
