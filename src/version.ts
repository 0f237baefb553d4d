/** convgrade's own version, read once from its package.json (one folder up from src/ and from dist/). */
import { readFileSync } from "node:fs";

let version: string | undefined;

/** The version in convgrade's package.json, or "unknown" when it cannot be read. */
export function packageVersion(): string {
  if (version === undefined) {
    try {
      version = String((JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: unknown }).version);
    } catch {
      version = "unknown";
    }
  }
  return version;
}
