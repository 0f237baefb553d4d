/**
 * What the gradebook and the class report need of one graded submission, and nothing more: a batch
 * keeps these on disk (never a class's full reports in memory), and builds both files from them.
 */
import type { HarnessErrorCode } from "../errors.js";
import type { FunctionName } from "../exercises.js";
import type { FunctionStatus, SubmissionResult } from "../result.js";

/** Learner and fixture messages kept for the class report are cut to this length. */
export const MESSAGE_CHARS = 400;

export type SubmissionSummary =
  | {
      name: string;
      status: "pass" | "fail";
      score: number;
      maxScore: number;
      functions: { name: FunctionName; status: FunctionStatus; score: number }[];
      /** the cases not passed in functions that were graded and fell short (status "fail") */
      failures: { function: string; caseName: string; message?: string }[];
      /** the known mistakes matched (visible cases), once per function and mistake */
      mistakes: { function: string; mistake: string; hint: string }[];
    }
  | { name: string; status: "harness-error"; code: HarnessErrorCode; message: string };

const cut = (text: string) => (text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}…` : text);

/** The summary of a graded submission. */
export function summarize(result: SubmissionResult): SubmissionSummary {
  if (result.status === "harness-error") return { name: result.name, status: "harness-error", code: result.code, message: result.message };
  const { report } = result;
  const failures: Extract<SubmissionSummary, { failures: unknown }>["failures"] = [];
  const mistakes: Extract<SubmissionSummary, { mistakes: unknown }>["mistakes"] = [];
  const seen = new Set<string>();
  for (const fn of report.functions) {
    for (const c of [...fn.cases, ...fn.gradientChecks]) {
      if (fn.status === "fail" && c.status !== "pass")
        failures.push({ function: fn.name, caseName: c.name, ...(c.message ? { message: cut(c.message) } : {}) });
      if (c.mistake && !c.hidden && !seen.has(`${fn.name}\0${c.mistake}`)) {
        seen.add(`${fn.name}\0${c.mistake}`);
        mistakes.push({ function: fn.name, mistake: c.mistake, hint: cut(c.hint ?? c.mistake) });
      }
    }
  }
  return {
    name: result.name,
    status: result.status,
    score: report.score,
    maxScore: report.maxScore,
    functions: report.functions.map((f) => ({ name: f.name, status: f.status, score: f.score })),
    failures,
    mistakes,
  };
}
