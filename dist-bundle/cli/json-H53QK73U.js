import {
  jsonReporter
} from "./chunk-QDHGRKKL.js";
import "./chunk-6SUERUYL.js";
export {
  jsonReporter
};
