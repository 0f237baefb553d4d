/**
 * A port of what GitHub Classroom's reporter action computes from a runner's result, for tests: the
 * action `classroom-resources/autograding-grading-reporter@v1`, ported from its sources at commit
 * 43c2d9f524d3c7926caf7cb4fee34200b40b8c26 (2 Sep 2025; the same logic as education/autograding-grading-reporter
 * at 1a54efbff2f95704e2f4cb91609e3b1690157cf3): src/main.js, src/notify-classroom.js, src/console-results.js,
 * src/aggregate-results.js and src/helpers/test-helpers.js. Each rule below names the function it follows.
 */

export interface RunnerResults {
  status?: string;
  max_score?: number;
  tests: { name: string; status: string; score?: number; line_no?: number; message?: string }[];
}

/** main.js: `${RUNNER.toUpperCase()}_RESULTS`, base64-decoded and parsed as JSON, for each runner id. */
export function readRunners(runners: string, env: Record<string, string | undefined>): { runner: string; results: RunnerResults }[] {
  return runners.split(",").map((runner) => {
    const encoded = env[`${runner.trim().toUpperCase()}_RESULTS`] ?? "";
    return { runner, results: JSON.parse(Buffer.from(encoded, "base64").toString("utf-8")) as RunnerResults };
  });
}

/**
 * notify-classroom.js: the points sent to Classroom, as the notice "Points X/Y": the sum of every test's
 * `score` over the sum of `max_score`, runners without a max_score left out; nothing when the max is 0.
 */
export function classroomPoints(runs: { results: RunnerResults }[]): string | undefined {
  let totalPoints = 0;
  let maxPoints = 0;
  for (const { results } of runs) {
    if (!results.max_score) continue;
    maxPoints += results.max_score;
    for (const { score } of results.tests) totalPoints += score as number;
  }
  return maxPoints ? `Points ${totalPoints}/${maxPoints}` : undefined;
}

/**
 * console-results.js, aggregate-results.js, test-helpers.js getTestScore: the log's lines (✅/❌ name,
 * " - line N" unless line_no is 0; errors as "Error: message") and its table's "Test Score", which is
 * the share of tests passed times max_score, not the points.
 */
export function consoleLog(runs: { runner: string; results: RunnerResults }[]): { lines: string[]; table: [string, number, number][]; passed: string } {
  const lines: string[] = [];
  const table: [string, number, number][] = [];
  let passed = 0;
  let total = 0;
  for (const { runner, results } of runs) {
    const maxScore = results.max_score || 0;
    const passes = results.tests.filter((t) => t.status === "pass").length;
    for (const t of results.tests) {
      if (t.status === "error") lines.push(`Error: ${t.message || `Failed to run test '${t.name}'`}`);
      else lines.push(`${t.status === "pass" ? "✅" : "❌"} ${t.name}${t.line_no !== 0 ? ` - line ${t.line_no}` : ""}`);
    }
    passed += passes;
    total += results.tests.length;
    table.push([runner.trim(), (passes / results.tests.length) * maxScore, maxScore]);
  }
  return { lines, table, passed: `Grand total tests passed: ${passed}/${total}` };
}

/** main.js: the step fails when a runner's status is "fail" (or "error"). */
export function stepFails(runs: { results: RunnerResults }[]): string | undefined {
  if (runs.some((r) => r.results.status === "fail")) return "Some tests failed.";
  if (runs.some((r) => r.results.status === "error")) return "Some tests errored.";
  return undefined;
}
