// Compiles the fork server's native part (src/sandbox/fork/fork.c) into dist/sandbox/fork.node with
// the system's C compiler and Node-API's headers. Without a compiler (or off Linux) nothing is built,
// and every sandbox is started as a process of its own, as before: slower, with the same walls.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname } from "node:path";

const path = (relative) => new URL(relative, import.meta.url).pathname;
const out = path("../dist/sandbox/fork.node");

function build() {
  if (process.platform !== "linux") return `not on Linux (${process.platform})`;
  if (process.arch !== "x64" && process.arch !== "arm64") return `the fork server knows x64 and arm64 only (${process.arch})`;
  let include;
  try {
    include = `${dirname(createRequire(import.meta.url).resolve("node-api-headers/package.json"))}/include`;
  } catch {
    return "node-api-headers is not installed";
  }
  const compiler = process.env.CC || "cc";
  // Full RELRO: the addon's table of imported functions is read-only once loaded.
  const args = ["-O2", "-Wall", "-shared", "-fPIC", "-Wl,-z,relro,-z,now", "-I", include, path("../src/sandbox/fork/fork.c"), "-o", out];
  const run = spawnSync(compiler, args, { encoding: "utf8" });
  if (run.error) return `${compiler}: ${run.error.message}`;
  if (run.status !== 0) return `${compiler} failed: ${(run.stderr || "").trim().split("\n").slice(0, 5).join("\n")}`;
  return undefined;
}

const failed = build();
if (failed) console.warn(`convgrade: the fork server was not built (${failed}); each sandbox will start a Node process of its own.`);
