import {
  replaceFile,
  warnIfNetworkOpen
} from "./chunk-UUN52G7H.js";
import {
  check,
  checkLimits,
  packageVersion,
  resolveSubmissionDir
} from "./chunk-ORKIJSWE.js";
import {
  DiskCache,
  defaultCacheDir
} from "./chunk-ZZJ6HWKM.js";
import "./chunk-PIAGEL3G.js";
import {
  ExitCode,
  HarnessError
} from "./chunk-V6W3VMAA.js";
import {
  DEFAULT_DIR,
  DEFAULT_JOBS,
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_MS,
  PACKAGE_FIXTURES,
  Sandbox,
  sameSandboxOptions,
  startZygote
} from "./chunk-HS5FCRPH.js";
import "./chunk-MSXFVK3B.js";
import {
  closest
} from "./chunk-UPW576YW.js";
import "./chunk-LMEQ6F2C.js";
import {
  EXERCISES,
  findExercise
} from "./chunk-Y5N2JX36.js";

// src/cli/main.ts
import { resolve as resolve2 } from "node:path";
import { Command, CommanderError, InvalidArgumentError as InvalidArgumentError2 } from "commander";

// src/report/index.ts
var REPORTERS = {
  pretty: async () => (await import("./pretty-74SUXRNC.js")).prettyReporter,
  json: async () => (await import("./json-H53QK73U.js")).jsonReporter,
  junit: async () => (await import("./junit-SSSNVV4X.js")).junitReporter,
  github: async () => (await import("./github-6JYCUOMU.js")).githubReporter,
  gradescope: async () => (await import("./gradescope-UJK4IAKS.js")).gradescopeReporter,
  classroom: async () => (await import("./classroom-55D37KP3.js")).classroomReporter
};
var DEFAULT_DESTINATIONS = {
  classroom: { env: "GITHUB_OUTPUT" }
};

// src/cli/environment.ts
var sandboxId = (value) => /^[1-9][0-9]{0,9}$/.test(value) && Number(value) < 2 ** 32 - 1;
var VARIABLES = {
  // a folder; empty means the default one
  CONVGRADE_CACHE_DIR: {},
  CONVGRADE_SANDBOX_UID: { check: sandboxId, expected: "a user id above 0" },
  CONVGRADE_SANDBOX_GID: { check: sandboxId, expected: "a group id above 0" },
  CONVGRADE_FORK_SERVER: {
    check: (value) => value === "0" || value === "1",
    expected: "0 (every sandbox starts a process of its own) or 1 (a fork server where it can be built, the default)"
  },
  CONVGRADE_SANDBOX_NAMESPACES: {
    check: (value) => value === "0" || value === "1",
    expected: "0 (no namespaces) or 1 (namespaces where the kernel allows them, the default)"
  }
};
var OTHERS = /* @__PURE__ */ new Set(["CONVGRADE_RESULTS", "CONVGRADE_E2E_FIXTURES", "CONVGRADE_SLOW_TESTS"]);
var RETIRED = {
  CONVGRADE_TRACE: "convgrade no longer prints per-call timings; each function's time is in the json report (durationMs)"
};
function shown(text) {
  return /^[\w./:@-]*$/.test(text) ? text : JSON.stringify(text);
}
function checkEnvironment(env = process.env) {
  const warnings = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === void 0 || !/^convgrade_/i.test(name)) continue;
    const variable = Object.hasOwn(VARIABLES, name) ? VARIABLES[name] : void 0;
    if (variable?.check && !variable.check(value)) {
      throw new HarnessError("USAGE", `${name} must be ${variable.expected}, got ${JSON.stringify(value)}`);
    }
    if (variable || OTHERS.has(name)) continue;
    if (Object.hasOwn(RETIRED, name)) {
      warnings.push(`${name} is ignored: ${RETIRED[name]}`);
      continue;
    }
    const near = closest(name, Object.keys(VARIABLES));
    const hint = near ? `did you mean ${near}?` : `convgrade reads ${Object.keys(VARIABLES).join(", ")}`;
    warnings.push(`${shown(name)} is not a variable convgrade reads, so it is ignored: ${hint}`);
  }
  return warnings;
}

// src/cli/exit-policy.ts
import { InvalidArgumentError } from "commander";
function parseMinScore(value) {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
  if (!match) throw new InvalidArgumentError("expected points (45) or a percentage of the maximum (75%)");
  const amount = Number(match[1]);
  if (match[2]) {
    if (amount > 100) throw new InvalidArgumentError("a percentage must be at most 100%");
    return { percent: amount };
  }
  return { points: amount };
}
function exitCodeFor(report, minScore) {
  if (minScore === void 0) return report.functions.every((f) => f.status === "pass") ? ExitCode.Pass : ExitCode.Shortfall;
  if ("points" in minScore) {
    if (minScore.points > report.maxScore) {
      throw new HarnessError("USAGE", `--min-score ${minScore.points} is above the maximum score of the graded functions (${report.maxScore})`);
    }
    return report.score >= minScore.points ? ExitCode.Pass : ExitCode.Shortfall;
  }
  return report.score * 100 >= minScore.percent * report.maxScore ? ExitCode.Pass : ExitCode.Shortfall;
}

// src/cli/report-targets.ts
import { appendFileSync, lstatSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
function parseReporterSpec(value) {
  const colon = value.indexOf(":");
  const name = colon === -1 ? value : value.slice(0, colon);
  if (!Object.hasOwn(REPORTERS, name)) {
    throw new HarnessError(
      "USAGE",
      `unknown reporter "${name}" in --reporter ${value} (known: ${Object.keys(REPORTERS).join(", ")}; add :<file> to write to a file)`
    );
  }
  if (colon === -1) return { name };
  const path = value.slice(colon + 1);
  if (path === "") throw new HarnessError("USAGE", `--reporter ${value}: the path after ":" is empty`);
  return { name, path };
}
function fileSink(path) {
  let buffered = "";
  return {
    write: (text) => {
      buffered += text;
    },
    commit() {
      mkdirSync(dirname(path), { recursive: true });
      if (lstatSync(dirname(path)).isSymbolicLink()) throw new HarnessError("USAGE", `could not write the report ${path}: its folder is a symbolic link`);
      try {
        replaceFile(path, buffered);
      } catch (error) {
        throw new HarnessError("USAGE", `could not write the report ${path}: ${error.message}`);
      }
    }
  };
}
function appendSink(path, what) {
  let buffered = "";
  return {
    write: (text) => {
      buffered += text;
    },
    commit() {
      if (buffered === "") return;
      try {
        appendFileSync(path, buffered);
      } catch (error) {
        throw new HarnessError("USAGE", `could not append to ${what} (${path}): ${error.message}`);
      }
    }
  };
}
async function openReporters(specs, stdout, color, env = process.env, display = {}) {
  const onStdout = specs.filter((spec) => spec.path === void 0 && !DEFAULT_DESTINATIONS[spec.name]);
  if (onStdout.length > 1) {
    throw new HarnessError(
      "USAGE",
      `only one reporter may write to stdout, got ${onStdout.map((s) => s.name).join(", ")}: give the others a file (--reporter ${onStdout[1].name}:<file>)`
    );
  }
  const paths = specs.filter((spec) => spec.path !== void 0).map((spec) => resolve(spec.path));
  const twice = paths.find((path, k) => paths.indexOf(path) !== k);
  if (twice) throw new HarnessError("USAGE", `two reporters write to the same file: ${twice}`);
  const sinks = [];
  const summaryPath = env.GITHUB_STEP_SUMMARY;
  const stepSummary = summaryPath ? appendSink(summaryPath, "the job summary ($GITHUB_STEP_SUMMARY)") : void 0;
  const reporters = [];
  for (const spec of specs) {
    const options = { color: false, stepSummary, verbose: display.verbose };
    let out;
    if (spec.path !== void 0) {
      const sink = fileSink(resolve(spec.path));
      sinks.push(sink);
      out = sink;
      options.target = "file";
    } else if (DEFAULT_DESTINATIONS[spec.name]) {
      const variable = DEFAULT_DESTINATIONS[spec.name].env;
      const path = env[variable];
      if (!path)
        throw new HarnessError(
          "USAGE",
          `--reporter ${spec.name} writes to $${variable}, which is not set: run it in GitHub Actions, or give a file (--reporter ${spec.name}:<file>)`
        );
      const sink = appendSink(path, `$${variable}`);
      sinks.push(sink);
      out = sink;
      options.target = "github-output";
    } else {
      out = stdout;
      options.color = color;
      options.columns = display.columns;
      options.target = "stdout";
    }
    reporters.push((await REPORTERS[spec.name]())(out, options));
  }
  if (stepSummary) sinks.push(stepSummary);
  return {
    reporters,
    commit: () => {
      for (const sink of sinks) sink.commit();
    }
  };
}

// src/cli/main.ts
function positiveInteger(value) {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError2("expected a positive whole number");
  return parsed;
}
function selectExercises(names) {
  if (names.length === 0) return void 0;
  const chosen = /* @__PURE__ */ new Set();
  for (const name of names) {
    const exercise = findExercise(name);
    if (!exercise) {
      const best = closest(name, [...EXERCISES.map((e) => e.name), ...EXERCISES.map((e) => e.snakeName)], 3);
      const suggestion = best ? ` Did you mean ${best}?` : "";
      throw new HarnessError(
        "USAGE",
        `unknown function "${name}".${suggestion} Known: ${EXERCISES.map((e) => e.snakeName).join(", ")} (or their camelCase names)`
      );
    }
    chosen.add(exercise);
  }
  return EXERCISES.filter((exercise) => chosen.has(exercise));
}
function useColor(stream, env = process.env) {
  if (env.FORCE_COLOR !== void 0) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  if (env.NO_COLOR !== void 0 || env.TERM === "dumb" || env.CI) return false;
  return stream.isTTY === true;
}
function displayOptions(flags) {
  const columns = process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : 80;
  return { columns, verbose: flags.verbose === true };
}
function mayReuseVerdicts(flags, stdout = process.stdout, env = process.env) {
  return flags.cache && flags.requireIsolation !== true && !env.CI && stdout.isTTY === true;
}
var WATCH_SANDBOXES_AHEAD = 3;
async function runWatch(functions, dir, flags, early) {
  let ahead = early.filter((s) => sameSandboxOptions(s.options, { memoryMb: flags.memory }));
  await Promise.all(early.filter((sandbox) => !ahead.includes(sandbox)).map((sandbox) => sandbox.close()));
  const cache = new DiskCache(flags.cache ? defaultCacheDir() : void 0);
  const write = (text) => void process.stdout.write(text);
  const { watchSubmission } = await import("./watch-E3EHV7HA.js");
  const { TranspilerPool } = await import("./transpile-GYRB37IE.js");
  const transpiler = new TranspilerPool();
  const code = await watchSubmission({
    dir,
    functions,
    cache,
    write,
    fault: (error) => write(`convgrade: ${error instanceof HarnessError ? error.message : `internal error: ${error?.message}`}
`),
    run: async (selected, header) => {
      write(header);
      const reporter = (await REPORTERS.pretty())({ write }, { color: useColor(process.stdout), ...displayOptions(flags) });
      const sandboxes = ahead;
      ahead = [];
      try {
        const report = await check({
          dir,
          fixturesDir: resolve2(flags.fixtures ?? PACKAGE_FIXTURES),
          functions: selected,
          timeoutMs: flags.timeout,
          memoryMb: flags.memory,
          cache,
          verdicts: mayReuseVerdicts(flags),
          jobs: flags.jobs,
          sandboxes,
          transpiler,
          onEvent: (event) => reporter.onEvent?.(event)
        });
        reporter.onEnd(report);
        return report;
      } finally {
        const zygote = startZygote({ memoryMb: flags.memory });
        ahead = Array.from({ length: WATCH_SANDBOXES_AHEAD }, () => {
          const sandbox = new Sandbox({ memoryMb: flags.memory }, zygote);
          sandbox.warmUp();
          return sandbox;
        });
      }
    }
  });
  transpiler.close();
  await Promise.all(ahead.map((sandbox) => sandbox.close()));
  return code;
}
async function runCheck(names, flags, early) {
  checkLimits({ memoryMb: flags.memory, timeoutMs: flags.timeout });
  const functions = selectExercises(names);
  if (flags.watch) return runWatch(functions ?? EXERCISES, resolveSubmissionDir(resolve2(flags.dir)), flags, early);
  const dir = resolveSubmissionDir(resolve2(flags.dir));
  const usable = early.filter((s) => sameSandboxOptions(s.options, { memoryMb: flags.memory }));
  const unused = early.filter((sandbox) => !usable.includes(sandbox)).map((sandbox) => sandbox.close());
  const out = { write: (text) => void process.stdout.write(text) };
  const cache = new DiskCache(flags.cache ? defaultCacheDir() : void 0);
  const specs = flags.reporter.length > 0 ? flags.reporter : [{ name: "pretty" }];
  const { reporters, commit } = await openReporters(specs, out, useColor(process.stdout), process.env, displayOptions(flags));
  const report = await check({
    dir,
    fixturesDir: resolve2(flags.fixtures ?? PACKAGE_FIXTURES),
    functions,
    timeoutMs: flags.timeout,
    memoryMb: flags.memory,
    cache,
    verdicts: mayReuseVerdicts(flags),
    jobs: flags.jobs,
    sandboxes: usable,
    typecheck: flags.typecheck,
    requireIsolation: flags.requireIsolation,
    onEvent: (event) => {
      if (event.type === "start" && event.hiddenCases) warnIfNetworkOpen(event.isolation);
      for (const reporter of reporters) reporter.onEvent?.(event);
    }
  });
  const code = exitCodeFor(report, flags.minScore);
  for (const reporter of reporters) reporter.onEnd(report);
  commit();
  (await import("./list-IQJV6HES.js")).rememberRun(cache, dir, report);
  await Promise.all(unused);
  return code;
}
function program(early = [], done = () => {
}) {
  const cli = new Command("convgrade").description('Grades the "Convolution model - Step by Step" exercises, written in TypeScript').version(packageVersion(), "-V, --version", "print convgrade's version").showHelpAfterError("(run convgrade check --help for usage)").exitOverride().configureOutput({ writeErr: (text) => process.stderr.write(text) });
  addCheck(cli, early, done);
  addClassCommands(cli, done);
  return cli;
}
function addCheck(cli, early, done) {
  cli.command("check").description("run your functions against the fixtures and gradient checks, and grade them").argument("[functions...]", "functions to check, camelCase or snake_case (default: all)").option("-d, --dir <folder>", "folder with your exercise files", DEFAULT_DIR).option("--fixtures <folder>", "folder of fixture files (default: the course's fixtures)").option(
    "-r, --reporter <name[:file]>",
    `output format, repeatable: ${Object.keys(REPORTERS).join(", ")}; with :file, written to that file (default: pretty)`,
    (value, previous) => [...previous, parseReporterSpec(value)],
    []
  ).option("--min-score <points|percent%>", "exit 0 when the score reaches this (default: only with full marks)", parseMinScore).option("--timeout <ms>", "time limit per case, in milliseconds", positiveInteger, DEFAULT_TIMEOUT_MS).option("--memory <MiB>", "memory limit of the sandbox, in MiB", positiveInteger, DEFAULT_MEMORY_MB).option("--jobs <n>", "sandboxes grading functions in parallel", positiveInteger, DEFAULT_JOBS).option("--no-cache", "do not cache transpiled files, validated fixtures and the verdicts of unchanged functions").option("--typecheck", "also run the TypeScript compiler on your files (type errors are shown, not scored)").option("--watch", "grade again whenever you save a file (only what changed); q quits").option("--verbose", "list every case with the tolerance used and the largest error against it").option("--require-isolation", "exit 2 unless the kernel can cut the sandbox off the network (for graders of hidden cases)").action(async (names, flags) => done(await runCheck(names, flags, early)));
  cli.command("list").description("the exercises in course order, their points, and how your last check went").option("-d, --dir <folder>", "folder with your exercise files", DEFAULT_DIR).option("--fixtures <folder>", "folder of fixture files (default: the course's fixtures)").action(async (flags) => {
    const { listExercises } = await import("./list-IQJV6HES.js");
    process.stdout.write(await listExercises(flags.dir, resolve2(flags.fixtures ?? PACKAGE_FIXTURES), new DiskCache(defaultCacheDir())));
    done(ExitCode.Pass);
  });
}
function addClassCommands(cli, done) {
  cli.command("grade").description("grade every subfolder of a class folder as one submission; write a gradebook, a report per submission and a class report").argument("<folder>", "the class folder: each subfolder is one submission").requiredOption("-o, --out <folder>", "where gradebook.csv, report.html and reports/ go").option("--fixtures <folder>", "folder of fixture files (default: the course's fixtures)").option("--timeout <ms>", "time limit per case, in milliseconds", positiveInteger, DEFAULT_TIMEOUT_MS).option("--memory <MiB>", "memory limit of each sandbox, in MiB", positiveInteger, DEFAULT_MEMORY_MB).option("--jobs <n>", "submissions graded at once (default: the number of cores)", positiveInteger).option("--shard <i/n>", "grade only the i-th of n shards of the class (for a CI matrix)").option("--regrade", "grade every submission again, reusing no stored result from an earlier run").option("--similarity", "also list the submissions that look alike (similarity.csv and a section of report.html)").option("--no-cache", "do not use the shared cache (a private one for this batch instead)").option("--require-isolation", "exit 2 unless the kernel can cut the sandboxes off the network").action(async (folder, flags) => done(await (await import("./grade-WY7BIDUS.js")).runGrade(folder, flags)));
  cli.command("init").description("write a learner workspace: the exercise stubs, package.json, tsconfig.json, a README and a GitHub Classroom workflow").argument("[folder]", "where to write it (created if missing)", ".").action(async (folder) => done(await (await import("./init-TEWGBZHP.js")).runInit(folder)));
  cli.command("gradebook").description("work with gradebooks").command("merge").description("join the output folders of shards into one gradebook (and class report)").argument("<folders...>", "output folders of `convgrade grade --shard`").requiredOption("-o, --out <folder>", "where the merged gradebook.csv (and report.html, reports/) go").action(async (folders, flags) => done(await (await import("./grade-WY7BIDUS.js")).runMerge(folders, flags)));
}
async function main(argv, early = []) {
  let code = ExitCode.Pass;
  try {
    for (const warning of checkEnvironment()) process.stderr.write(`convgrade: warning: ${warning}
`);
    await program(early, (c) => code = c).parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    await Promise.all(early.map((sandbox) => sandbox.close()));
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Pass : ExitCode.HarnessError;
    }
    if (error instanceof HarnessError) {
      process.stderr.write(`convgrade: ${error.message}
`);
      if (process.env.DEBUG) process.stderr.write(`${error.stack}
`);
      return ExitCode.HarnessError;
    }
    process.stderr.write(`convgrade: internal error: ${error?.message ?? String(error)}
`);
    process.stderr.write(process.env.DEBUG ? `${error?.stack}
` : "(set DEBUG=1 for the stack trace, and please report it)\n");
    return ExitCode.HarnessError;
  }
}
export {
  main,
  mayReuseVerdicts,
  program,
  selectExercises,
  useColor
};
