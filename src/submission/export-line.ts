/**
 * The line of a named export in a source the grader read, so that CI annotations can point at the
 * learner's function even when no case threw. A light scan, not a parse: comments and strings could
 * fool it into a wrong line of the learner's own file, never into anything else.
 */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The 1-based line declaring `export … name` (or listing it in `export { … }`); undefined when none does. */
export function exportLine(source: string | undefined, name: string): number | undefined {
  if (source === undefined || !IDENTIFIER.test(name)) return undefined;
  const declaration = new RegExp(`^\\s*export\\s+(?:declare\\s+)?(?:async\\s+)?(?:function\\s*\\*?|const|let|var|class)\\s*${name.replace(/\$/g, "\\$")}\\b`);
  const list = new RegExp(`\\b(?:as\\s+)?${name.replace(/\$/g, "\\$")}\\b`);
  const lines = source.split("\n", 20_000);
  let listed: number | undefined;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (declaration.test(line)) return k + 1;
    if (listed === undefined && /^\s*export\s*\{/.test(line)) {
      // `export { a, b as convForward }`, possibly over several lines
      for (let j = k; j < Math.min(lines.length, k + 50); j++) {
        if (list.test(lines[j].replace(/^\s*export\s*\{/, ""))) {
          listed = j + 1;
          break;
        }
        if (lines[j].includes("}")) break;
      }
    }
  }
  return listed;
}
