import {
  readSubmission
} from "./chunk-PIAGEL3G.js";
import "./chunk-MSXFVK3B.js";
import {
  STATUS_MARKS
} from "./chunk-WFQJ6T5Q.js";
import {
  EXERCISES
} from "./chunk-Y5N2JX36.js";

// src/cli/watch.ts
import { watch } from "node:fs";
import { join } from "node:path";
var DEBOUNCE_MS = 30;
var CLEAR = "\x1B[2J\x1B[3J\x1B[H";
function affectedBy(dir, changed, watched) {
  return watched.filter((exercise) => {
    const reached = readSubmission(dir, [join(dir, exercise.file)]);
    return [...reached.keys()].some((file) => changed.has(file)) || changed.has(join(dir, exercise.file));
  });
}
function unchangedLine(latest, graded) {
  const others = EXERCISES.filter((e) => latest.has(e.name) && !graded.includes(e)).map((e) => {
    const result = latest.get(e.name);
    return `${STATUS_MARKS[result.status]} ${e.name} ${result.score}/${result.maxScore}`;
  });
  return others.length ? `unchanged since the last run: ${others.join(", ")}
` : "";
}
function watchSubmission(options) {
  const latest = /* @__PURE__ */ new Map();
  const changed = /* @__PURE__ */ new Set();
  let timer;
  let running = Promise.resolve();
  const header = "convgrade is watching; it grades again when you save. Press q to quit.\n\n";
  const grade = (functions) => {
    running = running.then(async () => {
      if (functions.length === 0) return;
      options.write(CLEAR);
      try {
        const report = await options.run(functions, header);
        for (const result of report.functions) latest.set(result.name, result);
        const total = [...latest.values()].reduce((sum, f) => [sum[0] + f.score, sum[1] + f.maxScore], [0, 0]);
        options.write(`${unchangedLine(latest, functions)}All functions so far: ${total[0]}/${total[1]}
`);
      } catch (error) {
        options.fault(error);
      }
    });
  };
  grade(options.functions);
  let watcher;
  try {
    watcher = watch(options.dir, { recursive: true }, (_event, name) => {
      if (!name || /(^|\/)(node_modules|\.)/.test(String(name))) return;
      changed.add(join(options.dir, String(name)));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const affected = affectedBy(options.dir, changed, options.functions);
        changed.clear();
        grade(affected);
      }, DEBOUNCE_MS);
    });
  } catch (error) {
    options.fault(error);
    return Promise.resolve(2);
  }
  return new Promise((resolve) => {
    const input = options.input ?? process.stdin;
    const quit = () => {
      watcher.close();
      clearTimeout(timer);
      if (input.isTTY) input.setRawMode(false);
      input.pause();
      void running.then(() => resolve(0));
    };
    if (input.isTTY) input.setRawMode(true);
    input.setEncoding("utf8");
    input.on("data", (key) => {
      if (key === "q" || key === "Q" || key === "") quit();
    });
    input.on("end", quit);
    process.once("SIGINT", quit);
    input.resume();
  });
}
export {
  affectedBy,
  unchangedLine,
  watchSubmission
};
