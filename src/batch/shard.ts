/**
 * Shards of a class for a CI matrix. A submission's shard depends on its folder name alone (a hash,
 * not its position in the listing), so adding or removing other submissions never moves it: a shard
 * graded again after a late submission keeps its rows.
 */
import { createHash } from "node:crypto";
import { HarnessError } from "../errors.js";

/** The i-th of n shards, 1-based as GitLab's CI_NODE_INDEX/CI_NODE_TOTAL are. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new HarnessError("USAGE", `--shard must be i/n with 1 <= i <= n, such as 1/4 (got ${JSON.stringify(text)})`);
  }
  return { index, count };
}

/** The shard (1-based) a submission folder name belongs to, out of count. */
export function shardOf(name: string, count: number): number {
  const digest = createHash("sha256").update(name, "utf8").digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** Whether a submission belongs to the shard; every name belongs to exactly one shard of n. */
export function inShard(name: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(name, shard.count) === shard.index;
}
