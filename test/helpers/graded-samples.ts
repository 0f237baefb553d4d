/**
 * Every sample submission graded once per test run, with every reporter at once, for all the test files
 * that read the outcome (submissions, smoke, ci-reporters, mistake-hints, output-injection): reporters
 * are pure functions of the report, so grading a sample again for each file would only cost time.
 *
 * One `convgrade check` per sample: json on stdout, so that anything the learner's code got onto stdout
 * would show, and pretty, junit, gradescope and github into files, classroom into $GITHUB_OUTPUT, and a
 * job summary, with CI set as in GitHub Actions. Within a process a sample is graded once. Across the
 * test files of one run (CONVGRADE_TEST_RUN_DIR, see test-run.mjs), the first to ask for a sample claims
 * it (an atomic mkdir) and writes the outcome there; the others wait for it, or grade it themselves if
 * the claiming process died.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildSubmission, CLI_KILL_MS, type CliRun, fixtureArgs, RUN_DIR, runCli, type Sample } from "./samples.js";

/** What one grading of a sample left: the run (stdout is the json report) and what each other reporter wrote. */
export interface GradedSample {
  run: CliRun;
  pretty?: string;
  junit?: string;
  gradescope?: string;
  github?: string;
  /** $GITHUB_OUTPUT, where the classroom reporter writes */
  githubOutput?: string;
  /** $GITHUB_STEP_SUMMARY */
  summary?: string;
}

const OUTPUT_FILES = {
  pretty: "pretty.txt",
  junit: "junit.xml",
  gradescope: "gradescope.json",
  github: "github.txt",
  githubOutput: "github-output",
  summary: "step-summary.md",
} as const;
/** How long a test file waits for another one's grading of a sample: longer than the grading may take. */
const WAIT_MS = CLI_KILL_MS + 60_000;

const inProcess = new Map<string, Promise<GradedSample>>();

/** The sample graded with every reporter, once per run (see above). */
export function gradedSample(sample: Sample): Promise<GradedSample> {
  let graded = inProcess.get(sample.name);
  if (!graded) {
    graded = RUN_DIR ? sharedGrading(sample, RUN_DIR) : gradeAlone(sample);
    inProcess.set(sample.name, graded);
  }
  return graded;
}

/** Grades the sample into `out`, which is then left holding the reporters' files. */
async function gradeInto(sample: Sample, out: string): Promise<GradedSample> {
  // What an escape would create is removed first, so that its presence afterwards means this run made it.
  for (const file of sample.expected.filesMustNotExist ?? []) rmSync(file, { force: true });
  const dir = buildSubmission(sample);
  const path = (name: keyof typeof OUTPUT_FILES) => join(out, OUTPUT_FILES[name]);
  try {
    const run = await runCli(
      [
        "check",
        "--dir",
        dir,
        ...fixtureArgs(),
        ...(sample.expected.args ?? []),
        "--reporter",
        "json",
        ...["pretty", "junit", "gradescope", "github"].flatMap((name) => ["--reporter", `${name}:${path(name as keyof typeof OUTPUT_FILES)}`]),
        "--reporter",
        "classroom",
      ],
      undefined,
      { CI: "true", GITHUB_OUTPUT: path("githubOutput"), GITHUB_STEP_SUMMARY: path("summary") },
    );
    const graded: GradedSample = { run };
    for (const name of Object.keys(OUTPUT_FILES) as (keyof typeof OUTPUT_FILES)[]) {
      if (existsSync(path(name))) graded[name] = readFileSync(path(name), "utf8");
    }
    return graded;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Grades the sample in a temporary folder of this process's own. */
async function gradeAlone(sample: Sample): Promise<GradedSample> {
  const out = mkdtempSync(join(tmpdir(), "convgrade-graded-"));
  try {
    return await gradeInto(sample, out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Whether the process that claimed a sample is gone without finishing it. */
function claimAbandoned(claim: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(claim, "owner"), "utf8"));
  } catch {
    return false; // claimed a moment ago: the owner file is not written yet
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

async function sharedGrading(sample: Sample, runDir: string): Promise<GradedSample> {
  const claim = join(runDir, "samples", sample.name.replace(/\//g, "--"));
  const done = join(claim, "graded.json");
  mkdirSync(join(runDir, "samples"), { recursive: true });
  try {
    mkdirSync(claim);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    for (const started = performance.now(); performance.now() - started < WAIT_MS; await sleep(50)) {
      if (existsSync(done)) return JSON.parse(readFileSync(done, "utf8")) as GradedSample;
      // Given up (its grading threw) or abandoned (its process died): graded here instead.
      if (!existsSync(claim) || claimAbandoned(claim)) return gradeAlone(sample);
    }
    throw new Error(`${sample.name}: another test file claimed it ${WAIT_MS / 1000} s ago and has not graded it`);
  }
  try {
    writeFileSync(join(claim, "owner"), String(process.pid));
    const graded = await gradeInto(sample, claim);
    writeFileSync(`${done}.tmp`, JSON.stringify(graded));
    renameSync(`${done}.tmp`, done);
    return graded;
  } catch (error) {
    rmSync(claim, { recursive: true, force: true });
    throw error;
  }
}
