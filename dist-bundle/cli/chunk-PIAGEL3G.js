import {
  SUBMISSION_LIMITS
} from "./chunk-MSXFVK3B.js";

// src/submission/read.ts
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
var SOURCE_EXTENSIONS = /* @__PURE__ */ new Set([".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs"]);
var SUFFIXES = ["", ".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", "/index.ts", "/index.js"];
function isSource(name) {
  return SOURCE_EXTENSIONS.has(extname(name)) && !name.endsWith(".d.ts");
}
function listSubmission(dir) {
  const found = /* @__PURE__ */ new Map();
  const walk = (folder, depth) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      if (found.size >= SUBMISSION_LIMITS.maxFiles) return;
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth < SUBMISSION_LIMITS.maxDepth) walk(path, depth + 1);
      } else if (isSource(entry.name)) {
        if (entry.isFile()) found.set(path, { path, regular: true });
        else if (entry.isSymbolicLink())
          found.set(path, { path, regular: false, problem: "it is a symbolic link; convgrade reads only regular files inside the submission folder" });
        else found.set(path, { path, regular: false, problem: "it is not a regular file (a FIFO, a device or a socket); convgrade reads only regular files" });
      }
    }
  };
  walk(dir, 0);
  return found;
}
function readRegularFile(path, maxBytes = SUBMISSION_LIMITS.maxFileBytes) {
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = error.code;
    return { problem: code === "ELOOP" ? "it is a symbolic link; convgrade reads only regular files" : `it cannot be read (${code ?? "error"})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: "it is not a regular file; convgrade reads only regular files" };
    if (stat.nlink > 1) return { problem: "it has other hard links; convgrade reads only files that belong to the submission alone" };
    if (stat.size > maxBytes) return { problem: `it is larger than ${maxBytes} bytes` };
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (; ; ) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > stat.size) return { problem: "it changed while being read" };
    }
    return { source: buffer.subarray(0, length).toString("utf8") };
  } catch (error) {
    return { problem: `it cannot be read (${error.code ?? "error"})` };
  } finally {
    closeSync(fd);
  }
}
function importedSpecifiers(source) {
  const found = /* @__PURE__ */ new Set();
  const pattern = /\b(?:from|import|require)\s*\(?\s*(["'`])([^"'`\n]{1,300})\1/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    if (match[2].startsWith(".") || match[2].startsWith("/")) found.add(match[2]);
  }
  return [...found];
}
function resolveImport(from, specifier, listed) {
  const base = resolve(dirname(from), specifier);
  for (const suffix of SUFFIXES) if (listed.has(base + suffix)) return base + suffix;
  const swapped = base.replace(/\.(m|c)?js$/, ".$1ts");
  return swapped !== base && listed.has(swapped) ? swapped : void 0;
}
function readSubmission(dir, entries) {
  const listed = listSubmission(dir);
  const read = /* @__PURE__ */ new Map();
  let total = 0;
  const queue = entries.filter((entry) => listed.has(entry));
  while (queue.length > 0) {
    const path = queue.shift();
    if (read.has(path)) continue;
    const entry = listed.get(path);
    if (!entry.regular) {
      read.set(path, { path, problem: entry.problem });
      continue;
    }
    const result = readRegularFile(path, Math.min(SUBMISSION_LIMITS.maxFileBytes, SUBMISSION_LIMITS.maxTotalBytes - total));
    if ("problem" in result) {
      read.set(path, { path, problem: total >= SUBMISSION_LIMITS.maxTotalBytes ? "the submission's files together are too large" : result.problem });
      continue;
    }
    total += result.source.length;
    read.set(path, { path, source: result.source });
    for (const specifier of importedSpecifiers(result.source)) {
      const target = resolveImport(path, specifier, listed);
      if (target && !read.has(target)) queue.push(target);
    }
  }
  return read;
}

export {
  importedSpecifiers,
  resolveImport,
  readSubmission
};
