// Hostile sample helper: 450 references to one object of 50 keys, each pointing at another object of
// 50 keys: a few kilobytes that stand for a million entries once copied out reference by reference.
const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
const leaf: Record<string, null> = {};
for (const key of keys) leaf[key] = null;
const middle: Record<string, unknown> = {};
for (const key of keys) middle[key] = leaf;
export const big = new Array(450).fill(middle);
