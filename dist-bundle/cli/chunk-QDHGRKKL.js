import {
  json
} from "./chunk-6SUERUYL.js";

// src/report/json.ts
var jsonReporter = (out) => ({
  onEnd(report) {
    out.write(`${json(report, 2)}
`);
  }
});

export {
  jsonReporter
};
