import {
  loadFixtures,
  resolveSubmissionDir
} from "./chunk-ORKIJSWE.js";
import {
  hashOf
} from "./chunk-ZZJ6HWKM.js";
import "./chunk-PIAGEL3G.js";
import "./chunk-V6W3VMAA.js";
import "./chunk-HS5FCRPH.js";
import "./chunk-MSXFVK3B.js";
import {
  STATUS_MARKS
} from "./chunk-WFQJ6T5Q.js";
import "./chunk-LMEQ6F2C.js";
import {
  EXERCISES
} from "./chunk-Y5N2JX36.js";

// src/cli/list.ts
import { resolve } from "node:path";
var BUCKET = "last-run";
function rememberRun(cache, dir, report, at = /* @__PURE__ */ new Date()) {
  const run = { at: at.toISOString(), functions: report.functions.map(({ name, status, score, maxScore }) => ({ name, status, score, maxScore })) };
  const previous = lastRun(cache, dir);
  const kept = previous?.functions.filter((f) => !run.functions.some((g) => g.name === f.name)) ?? [];
  cache.set(BUCKET, hashOf(dir), JSON.stringify({ ...run, functions: [...kept, ...run.functions] }));
}
function lastRun(cache, dir) {
  try {
    const text = cache.get(BUCKET, hashOf(dir));
    return text ? JSON.parse(text) : void 0;
  } catch {
    return void 0;
  }
}
async function listExercises(dirFlag, fixturesDir, cache) {
  const dir = resolveSubmissionDir(resolve(dirFlag));
  const fixtures = await loadFixtures(fixturesDir, void 0, cache);
  const run = lastRun(cache, dir);
  const lines = EXERCISES.map((exercise, k) => {
    const fixture = fixtures.find((f) => f.exercise.name === exercise.name);
    const points = fixture ? [...fixture.cases, ...fixture.gradientChecks].reduce((sum, c) => sum + c.points, 0) : 0;
    const last = run?.functions.find((f) => f.name === exercise.name);
    const status = last ? `${STATUS_MARKS[last.status]} ${last.status} ${last.score}/${last.maxScore}` : "not checked yet";
    return `${String(k + 1).padStart(2)}. ${exercise.snakeName.padEnd(26)} ${exercise.file.padEnd(28)} ${String(points).padStart(3)} points  ${status}`;
  });
  const when = run ? `last check: ${run.at.replace("T", " ").slice(0, 16)} UTC` : "no check of this folder yet (or the cache is off)";
  return `${lines.join("\n")}

${when}
`;
}
export {
  listExercises,
  rememberRun
};
