import {
  TranspilerPool,
  transformOptions,
  transpileKey,
  transpileSubmission
} from "./chunk-ZZJ6HWKM.js";
import "./chunk-PIAGEL3G.js";
import "./chunk-MSXFVK3B.js";
export {
  TranspilerPool,
  transformOptions,
  transpileKey,
  transpileSubmission
};
