/**
 * The memory part of the batch benchmark: the peak resident memory of a batch over 1,000 and 10,000
 * submissions (the pass/ and fail/ samples repeated under different names, built here in a temporary
 * folder and removed after), which must not grow with the class.
 *
 * Grading 10,000 submissions for real takes about half an hour on 2 cores, so each size is measured in
 * two runs, both in a process of their own whose peak RSS (getrusage's ru_maxrss) is read at its exit:
 * - "reduced grading": gradeClass and the class files, through the library, with everything of a real
 *   batch (listing, hashing each submission's files, the reuse check, writing each report and stored
 *   result durably, building gradebook.csv and report.html from the stored results) except the sandbox:
 *   check is stood in for by the real report of the same sample, graded once beforehand;
 * - "resume": the real `convgrade grade` command over the output of the first run, which verifies every
 *   stored result, reuses them all and builds the class files again.
 * Throughput with real grading is the 100-submission figure above it (bench-batch.ts). Then the cost of
 * --similarity: the resume run again with it, up to BENCH_SIMILARITY_MAX submissions (default 1,000).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(root, "bin/convgrade.js");

async function main(): Promise<void> {
  const { buildSubmission } = await import("../test/helpers/samples.ts");
  const { quickSamples } = await import("../test/helpers/class-folder.ts");
  const { submissionHash } = await import("../src/batch/grading-key.ts");
  const sizes = (process.env.BENCH_MEMORY_SIZES ?? "1000,10000").split(",").map(Number);
  const similarityMax = Number(process.env.BENCH_SIMILARITY_MAX ?? 1000);
  const work = mkdtempSync(join(tmpdir(), "convgrade-bench-memory-"));
  try {
    // Each distinct sample graded once for real; its report stands in for every copy of it.
    const samples = quickSamples().map((sample) => ({ sample, dir: buildSubmission(sample) }));
    const canned: Record<string, unknown> = {};
    for (const { dir } of samples) {
      const run = spawnSync(process.execPath, [CLI, "check", "--dir", dir, "--reporter", "json", "--no-cache"], { cwd: root, encoding: "utf8" });
      if (run.status !== 0 && run.status !== 1) throw new Error(`convgrade check exited with ${run.status} on ${dir}: ${run.stderr.slice(-2000)}`);
      canned[submissionHash(dir)] = JSON.parse(run.stdout);
    }
    const cannedFile = join(work, "canned.json");
    writeFileSync(cannedFile, JSON.stringify(canned));
    const peakScript = join(work, "peak.mjs");
    writeFileSync(peakScript, `process.on("exit", () => process.stderr.write("\\npeak-rss-kib " + process.resourceUsage().maxRSS + "\\n"));\n`);
    const cacheDir = join(work, "cache");
    // The key of the stored results is made in this private cache folder, shared by the two runs.
    const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", CONVGRADE_CACHE_DIR: cacheDir };
    delete env.CONVGRADE_BATCH_KEY;

    console.log(
      `convgrade grade, peak memory (RSS of the batch process, sandboxes not included) over the pass/ and fail/ samples repeated (${samples.length} distinct):`,
    );
    for (const size of sizes) {
      const classDir = join(work, `class-${size}`);
      const out = join(work, `out-${size}`);
      mkdirSync(classDir);
      for (let k = 0; k < size; k++) {
        const from = samples[k % samples.length].dir;
        const to = join(classDir, `learner-${String(k).padStart(5, "0")}`);
        mkdirSync(to);
        for (const file of readdirSync(from)) copyFileSync(join(from, file), join(to, file));
      }
      const reduced = measure(
        [process.execPath, "--import", "tsx", "--import", pathToFileURL(peakScript).href, fileURLToPath(import.meta.url), "--child", classDir, out, cannedFile],
        env,
      );
      const resumed = measure([process.execPath, "--import", pathToFileURL(peakScript).href, CLI, "grade", classDir, "--out", out, "--jobs", "2"], env);
      if (!/resume: (\d+) stored results reused, 0 graded/.test(resumed.stdout)) throw new Error(`the resume run graded something: ${resumed.stdout}`);
      // The similarity report's cost: the same resume run with --similarity (it holds every submission's
      // sources and compares pairs, so it grows with the class; measured up to BENCH_SIMILARITY_MAX).
      const similarity =
        size <= similarityMax
          ? measure([process.execPath, "--import", pathToFileURL(peakScript).href, CLI, "grade", classDir, "--out", out, "--jobs", "2", "--similarity"], env)
          : undefined;
      const rows = readFileSync(join(out, "gradebook.csv"), "utf8").split("\r\n").length - 2;
      if (rows !== size) throw new Error(`gradebook.csv has ${rows} rows, not ${size}`);
      console.log(
        `  ${String(size).padStart(6)} submissions: reduced grading ${mib(reduced.peakKib)} peak, ${(size / reduced.seconds).toFixed(0)}/s;` +
          ` resume (real CLI, all reused) ${mib(resumed.peakKib)} peak, ${(size / resumed.seconds).toFixed(0)}/s`,
      );
      if (similarity) {
        console.log(
          `  ${" ".repeat(6)}             the same with --similarity: ${mib(similarity.peakKib)} peak, ${(similarity.seconds - resumed.seconds).toFixed(1)} s more (${/similarity: .*/.exec(similarity.stdout)?.[0] ?? "?"})`,
        );
      }
      rmSync(classDir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
    for (const { dir } of samples) rmSync(dir, { recursive: true, force: true });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

function measure(command: string[], env: NodeJS.ProcessEnv): { peakKib: number; seconds: number; stdout: string } {
  const started = process.hrtime.bigint();
  const run = spawnSync(command[0], command.slice(1), { cwd: root, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = /peak-rss-kib (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !peak) throw new Error(`${command.slice(-6).join(" ")} exited with ${run.status}: ${run.stderr.slice(-2000)}`);
  return { peakKib: Number(peak[1]), seconds, stdout: run.stdout };
}

/** The reduced-grading run: a real batch whose check is the canned report of the same files. */
async function child([classDir, out, cannedFile]: string[]): Promise<void> {
  const { gradeClass } = await import("../src/batch/grade-class.ts");
  const { writeClassFiles } = await import("../src/batch/class-files.ts");
  const { batchSecret, submissionHash } = await import("../src/batch/grading-key.ts");
  const { ResultStore } = await import("../src/batch/result-store.ts");
  const { defaultCacheDir } = await import("../src/cache.ts");
  const canned = JSON.parse(readFileSync(cannedFile, "utf8")) as Record<string, { submission: string }>;
  const { secret } = batchSecret(defaultCacheDir());
  const result = await gradeClass({
    dir: classDir,
    out,
    secret,
    jobs: 2,
    checkOne: async (options) => {
      const report = canned[submissionHash(options.dir)];
      if (!report) throw new Error(`no canned report for ${options.dir}`);
      // A copy per submission, as check returns a fresh report each time.
      return { ...structuredClone(report), submission: relative(process.cwd(), options.dir) } as never;
    },
  });
  writeClassFiles(out, new ResultStore(out, secret), result);
}

if (process.argv[2] === "--child") await child(process.argv.slice(3));
else await main();
