/** The title every reporter shows for a case or a gradient check. */
import type { CaseResult, FunctionStatus } from "../result.js";

/** The mark before a function's name, wherever one is listed: ✓ pass, ✗ fail, ! could not be graded, ○ not implemented. */
export const STATUS_MARKS: Readonly<Record<FunctionStatus, string>> = { pass: "✓", fail: "✗", error: "!", "not-implemented": "○" };

const GRADIENT_CHECK = "gradient check: ";

/**
 * A case's title is its name; a gradient check's is its name after "gradient check: ", unless the
 * name already starts so (the course's fixtures name them that way).
 */
export function caseTitle(c: CaseResult, gradientCheck: boolean): string {
  if (!gradientCheck || c.name.toLowerCase().startsWith(GRADIENT_CHECK.trim().toLowerCase())) return c.name;
  return GRADIENT_CHECK + c.name;
}
