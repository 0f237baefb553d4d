/**
 * What Gradescope shows a learner from results.json, for tests, as its specification says
 * (gradescope/autograder_samples, docs/specs.md at commit af5dee4cf9b2c930c47dc0e4320c7e5ab2580564;
 * Gradescope's own code is not public, so this follows the documented rules): the top-level "score"
 * overrides the sum of the tests' scores; a test is "passed" when its status says so, else when it
 * got its max_score; a test with visibility "after_published" is shown only once the instructor
 * publishes the grades ("hidden" never, "after_due_date" after the due date); and while any test is
 * not shown, the learner does not see the total score.
 */
export interface GradescopeDoc {
  score?: number;
  visibility?: string;
  tests?: { name?: string; score?: number; max_score?: number; status?: string; visibility?: string; output?: string }[];
}

export interface LearnerView {
  /** the total the learner sees, or undefined when hidden */
  total?: number;
  /** the total recorded in the gradebook (the instructor's view) */
  recorded: number;
  tests: { name?: string; score?: number; max_score?: number; passed: boolean; output?: string }[];
}

export function gradescopeView(doc: GradescopeDoc, moment: { published: boolean; afterDueDate: boolean }): LearnerView {
  const tests = doc.tests ?? [];
  const recorded = doc.score ?? tests.reduce((sum, t) => sum + (t.score ?? 0), 0);
  const shown = (visibility: string | undefined) =>
    visibility === "hidden" ? false : visibility === "after_published" ? moment.published : visibility === "after_due_date" ? moment.afterDueDate : true;
  const visible = tests.filter((t) => shown(t.visibility ?? doc.visibility));
  const passed = (t: (typeof tests)[number]) => (t.status === "passed" ? true : t.status === "failed" ? false : t.score === t.max_score);
  return {
    ...(visible.length === tests.length ? { total: recorded } : {}),
    recorded,
    tests: visible.map((t) => ({ name: t.name, score: t.score, max_score: t.max_score, passed: passed(t), output: t.output })),
  };
}
