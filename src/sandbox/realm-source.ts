/**
 * The realm bootstrap's source, which the host sends the child in its hello. It is bundled from
 * src/sandbox/child/realm/ by scripts/build-child.mjs (it never runs in the grader), and read once.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Run from source, our tests use the built one, as for child.cjs.
const REALM_SCRIPT = fileURLToPath(
  new URL(import.meta.url.endsWith(".ts") ? "../../dist/sandbox/realm-bootstrap.js" : "./realm-bootstrap.js", import.meta.url),
);

let source: string | undefined;

/** The text the child evaluates in each new realm: an expression whose value is bootstrapRealm, in strict mode. */
export function realmSource(): string {
  source ??= readFileSync(REALM_SCRIPT, "utf8");
  return source;
}
