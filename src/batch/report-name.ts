/** The name of a submission's files in the output folder. */
import { createHash } from "node:crypto";

/**
 * The report file of a submission: its folder name when that is plain ([A-Za-z0-9._-], at most 100
 * characters, not starting with a dot), else a plain version of it with a hash of the real name.
 */
export function reportFileName(name: string): string {
  // A plain name that looks like a hashed one ("x-0123456789ab") is hashed too, so no two names meet.
  if (/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/.test(name) && !/-[0-9a-f]{12}$/.test(name)) return `${name}.json`;
  const plain = name
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^\./, "_")
    .slice(0, 80);
  return `${plain}-${createHash("sha256").update(name, "utf8").digest("hex").slice(0, 12)}.json`;
}
