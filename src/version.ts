/** convgrade's own version, read once from its package.json (one folder up from src/ and from dist/), and the build's identity. */
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

let build: string | null | undefined;

/**
 * A hash of every file of this build (dist/build-id, written by scripts/build-id.mjs), which changes with
 * any change to convgrade's code, version or not; undefined when run from the sources, where there is none.
 */
export function buildIdentity(): string | undefined {
  if (build === undefined) {
    try {
      const text = readFileSync(new URL("./build-id", import.meta.url), "utf8").trim();
      build = /^[0-9a-f]{64}$/.test(text) ? text : null;
    } catch {
      build = null;
    }
  }
  return build ?? undefined;
}
