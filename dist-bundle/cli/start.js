import {
  DEFAULT_DIR,
  DEFAULT_JOBS,
  DEFAULT_MEMORY_MB,
  Sandbox,
  startZygote
} from "./chunk-HS5FCRPH.js";
import {
  MAX_SANDBOXES_AHEAD,
  MIN_MEMORY_MB
} from "./chunk-MSXFVK3B.js";

// src/cli/prestart.ts
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
function prestart(argv2) {
  if (argv2[0] !== "check") return [];
  try {
    const { values, positionals } = parseArgs({
      args: argv2.slice(1),
      strict: false,
      allowPositionals: true,
      options: { dir: { type: "string", short: "d" }, memory: { type: "string" }, jobs: { type: "string" }, help: { type: "boolean", short: "h" } }
    });
    if (values.help) return [];
    const dir = typeof values.dir === "string" ? values.dir : DEFAULT_DIR;
    const memoryMb = Number(typeof values.memory === "string" ? values.memory : DEFAULT_MEMORY_MB);
    const jobs = Number(typeof values.jobs === "string" ? values.jobs : DEFAULT_JOBS);
    if (!existsSync(dir) || !Number.isInteger(memoryMb) || memoryMb < MIN_MEMORY_MB || !Number.isInteger(jobs) || jobs <= 0) return [];
    const count = Math.min(positionals.length > 0 ? positionals.length : MAX_SANDBOXES_AHEAD, MAX_SANDBOXES_AHEAD);
    const zygote = startZygote({ memoryMb });
    return Array.from({ length: count }, (_, index) => {
      const sandbox = new Sandbox({ memoryMb }, zygote);
      if (index < availableParallelism()) sandbox.warmUp();
      return sandbox;
    });
  } catch {
    return [];
  }
}

// src/cli/start.ts
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
var argv = process.argv.slice(2);
var early = prestart(argv);
var { main } = await import("./main-A2J7QRLJ.js");
var code = await main(argv, early);
process.exit(code);
