import { appendFileSync, lstatSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { HarnessError } from "../errors.js";
import { DEFAULT_DESTINATIONS, type Output, REPORTERS, type Reporter, type ReporterOptions } from "../report/index.js";
import { replaceFile } from "../report/replace-file.js";

/** One `--reporter` argument. */
export interface ReporterSpec {
  name: string;
  /** the file to write; stdout (or the default destination) when absent */
  path?: string;
}

/** Parses `name` or `name:path`; an unknown name or an empty path is a usage error. */
export function parseReporterSpec(value: string): ReporterSpec {
  const colon = value.indexOf(":");
  const name = colon === -1 ? value : value.slice(0, colon);
  if (!Object.hasOwn(REPORTERS, name)) {
    throw new HarnessError(
      "USAGE",
      `unknown reporter "${name}" in --reporter ${value} (known: ${Object.keys(REPORTERS).join(", ")}; add :<file> to write to a file)`,
    );
  }
  if (colon === -1) return { name };
  const path = value.slice(colon + 1);
  if (path === "") throw new HarnessError("USAGE", `--reporter ${value}: the path after ":" is empty`);
  return { name, path };
}

/** A destination that keeps what it is given until commit(). */
interface Sink extends Output {
  commit(): void;
}

/** Buffers, then writes the file in one go through a temporary file and a rename. */
function fileSink(path: string): Sink {
  let buffered = "";
  return {
    write: (text) => {
      buffered += text;
    },
    commit() {
      mkdirSync(dirname(path), { recursive: true });
      // The folder may be in a learner's checkout (reports/junit.xml): a link there is refused.
      if (lstatSync(dirname(path)).isSymbolicLink()) throw new HarnessError("USAGE", `could not write the report ${path}: its folder is a symbolic link`);
      try {
        replaceFile(path, buffered);
      } catch (error) {
        throw new HarnessError("USAGE", `could not write the report ${path}: ${(error as Error).message}`);
      }
    },
  };
}

/** Buffers, then appends (GitHub's step-output and summary files are shared by every step). */
function appendSink(path: string, what: string): Sink {
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
        throw new HarnessError("USAGE", `could not append to ${what} (${path}): ${(error as Error).message}`);
      }
    },
  };
}

/** The reporters of a run, each writing where it was told; commit() writes the files once the report is complete. */
export interface OpenReporters {
  reporters: Reporter[];
  commit(): void;
}

/**
 * Checks the specs (at most one on stdout, a default destination that exists) and creates the
 * reporters. Nothing is written before commit(), except what the stdout reporter prints as it goes.
 */
export async function openReporters(
  specs: readonly ReporterSpec[],
  stdout: Output,
  color: boolean,
  env: NodeJS.ProcessEnv = process.env,
  display: Pick<ReporterOptions, "columns" | "verbose"> = {},
): Promise<OpenReporters> {
  const onStdout = specs.filter((spec) => spec.path === undefined && !DEFAULT_DESTINATIONS[spec.name]);
  if (onStdout.length > 1) {
    throw new HarnessError(
      "USAGE",
      `only one reporter may write to stdout, got ${onStdout.map((s) => s.name).join(", ")}: give the others a file (--reporter ${onStdout[1].name}:<file>)`,
    );
  }
  const paths = specs.filter((spec) => spec.path !== undefined).map((spec) => resolve(spec.path as string));
  const twice = paths.find((path, k) => paths.indexOf(path) !== k);
  if (twice) throw new HarnessError("USAGE", `two reporters write to the same file: ${twice}`);
  const sinks: Sink[] = [];
  const summaryPath = env.GITHUB_STEP_SUMMARY;
  const stepSummary = summaryPath ? appendSink(summaryPath, "the job summary ($GITHUB_STEP_SUMMARY)") : undefined;
  const reporters: Reporter[] = [];
  for (const spec of specs) {
    const options: ReporterOptions = { color: false, stepSummary, verbose: display.verbose };
    let out: Output;
    if (spec.path !== undefined) {
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
          `--reporter ${spec.name} writes to $${variable}, which is not set: run it in GitHub Actions, or give a file (--reporter ${spec.name}:<file>)`,
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
    },
  };
}
