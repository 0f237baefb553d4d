/** When a check may reuse the verdicts of earlier checks (src/run/verdicts.ts): the CLI's one rule. */

/**
 * Whether a check may reuse the verdicts of earlier checks (run/verdicts.ts): the learner's own loop at
 * a terminal only. Never in CI, where a restored cache is not the grader's own and a grade is for someone
 * else, nor for a grader that demands the walls; and output to a pipe or file (a script, a test, a
 * reporter's consumer) always gets a fresh grading, so what a machine reads never depends on a cache.
 */
export function mayReuseVerdicts(
  flags: { cache: boolean; requireIsolation?: boolean },
  stdout: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return flags.cache && flags.requireIsolation !== true && !env.CI && stdout.isTTY === true;
}
