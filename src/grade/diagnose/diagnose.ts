/**
 * Names a function's mistake from what the grader sees on its visible cases, however the learner wrote
 * it. Each failed case gives evidence (./evidence.ts): the mistakes whose output it equals (fingerprints
 * from the fixture, or outputs the grader computes), the slips whose shape it has, the relations it shows.
 * A mistake is named only when it is the one mistake every failed case with evidence allows, and the cases
 * that fail are cases the mistake fails (the fixture's `failedBy`, from the mistaken variants). Failures
 * with no evidence at all may still fit one mistake by which cases they are (only the cases that leave
 * mode out). Anything less certain keeps the general hint: a wrong name is worse than none.
 */
import type { Exercise } from "../../exercises.js";
import type { FixtureCase } from "../../fixtures/load.js";
import type { CaseResult } from "../../result.js";
import { type CaseEvidence, caseEvidence } from "./evidence.js";
import { slipChangesShape } from "./shape-slips.js";
import { BECAUSE, diagnosisHint, type Evidence } from "./texts.js";

/** A visible case as graded, with what the learner's function returned on it. */
export interface Observation {
  testCase: FixtureCase;
  result: CaseResult;
  /** what the call returned (absent when it threw or did not finish) */
  value?: unknown;
  /** arrays of the value that are one object (from the sandbox) */
  aliases?: [number[], number[]][];
  /** the mistake the fixture's fingerprints or near-miss band name on this case, if any */
  fingerprint?: { mistake: string; nearMiss: boolean };
}

/** The hint and mistake to give a case, by its index among the observations. */
export type Diagnosis = Map<number, { hint: string; mistake: string }>;

/** Mistakes that can be told by which cases fail alone, and how that is said. */
const BY_FAILURES: Record<string, string> = {
  modeNoDefault: BECAUSE.modeLeftOut,
  tieSplit: BECAUSE.ties,
  maxFromZero: BECAUSE.allNegative,
  zerosDropped: BECAUSE.exactZeros,
};

const isFailed = (o: Observation) => o.result.status !== "pass";
/** Whether the case's outcome says anything: not a time-out (it hung) and not a case left unrun after them. */
const known = (o: Observation) => o.result.status !== "timeout" && !o.result.message?.startsWith("not run:");

/** Whether the learner passes a case whose output shape the slip would change (padding on one side can look like no + 1). */
function passesWhatSlipFails(exercise: Exercise, observations: Observation[], mistake: string): boolean {
  return observations.some((o) => !isFailed(o) && slipChangesShape(exercise.name, o.testCase.args, mistake));
}

/** Whether the failed cases are cases the mistake fails (when the fixture says which those are). */
function failuresFit(observations: Observation[], mistake: string): boolean {
  const listed = observations.some((o) => o.testCase.failedBy?.includes(mistake));
  if (!listed) return true;
  return observations.filter((o) => isFailed(o) && known(o)).every((o) => o.testCase.failedBy?.includes(mistake));
}

/** The one mistake whose failed cases are exactly the learner's, among those told by failures alone. */
function byFailures(observations: Observation[]): string | undefined {
  const failed = observations.filter(isFailed);
  if (failed.length === 0 || failed.length === observations.length || !observations.every(known)) return undefined;
  return onlyOne(Object.keys(BY_FAILURES).filter((mistake) => failuresEqual(observations, mistake)));
}

/** Whether the learner's failed cases are exactly the cases the mistake is known to fail. */
function failuresEqual(observations: Observation[], mistake: string): boolean {
  return observations.filter(known).every((o) => isFailed(o) === (o.testCase.failedBy?.includes(mistake) ?? false));
}

const onlyOne = (list: string[]) => (list.length === 1 ? list[0] : undefined);

function hintFor(exercise: Exercise, testCase: FixtureCase, mistake: string, evidence: Evidence): string | undefined {
  // The fixture's words for a mistake whose output this is; the grader's own otherwise, and for what it only suspects.
  const fixtureText = evidence.kind === "exact" ? testCase.mistakeHints?.[mistake] : undefined;
  return fixtureText ?? diagnosisHint(mistake, exercise.name, evidence);
}

/** The diagnosis of a function's visible cases: which failed cases name which mistake. */
export function diagnose(exercise: Exercise, observations: Observation[]): Diagnosis {
  const out: Diagnosis = new Map();
  const evidence = observations.map((o) => (isFailed(o) ? caseEvidence(exercise, o) : undefined));
  const give = (index: number, mistake: string, kind: Evidence) => {
    const hint = hintFor(exercise, observations[index].testCase, mistake, kind);
    if (hint) out.set(index, { hint, mistake });
  };
  // Facts about the returned value itself, named on their own cases whatever else is wrong.
  evidence.forEach((e, k) => {
    if (e?.independent) give(k, e.independent, { kind: "exact" });
  });
  const withEvidence = evidence.flatMap((e, k) => (e && !e.independent && e.candidates.size > 0 ? [{ e, k }] : []));
  // The mistakes every case with evidence allows, then those whose failed cases include all the learner's.
  const failed = observations.filter((o) => isFailed(o) && known(o)).length;
  const wrong = observations.filter((o) => o.result.status === "fail").length;
  // Evidence on every failed case names its mistake by itself; else the mistake must also be known to fail
  // every case the learner fails (throws included), and the evidence must hold on half of the wrong answers
  // at least (one small case where dZ is all ones makes db / m look like db of one example).
  const fitting = intersect(withEvidence.map(({ e }) => e)).filter(
    (mistake) =>
      !passesWhatSlipFails(exercise, observations, mistake) &&
      (withEvidence.length === failed || (2 * withEvidence.length >= wrong && failuresFit(observations, mistake))),
  );
  // Several fit (where mode is left out, a mode with no default and one always ignored give the same): the
  // one whose known failed cases are exactly the learner's, if one is.
  const named = fitting.length === 1 ? fitting[0] : onlyOne(fitting.filter((mistake) => failuresEqual(observations, mistake)));
  if (named !== undefined) {
    for (const { e, k } of withEvidence) give(k, named, e.kinds.get(named) ?? { kind: "exact" });
    return out;
  }
  // Cases that point at different mistakes (or at none that fits): nothing is named from them.
  if (withEvidence.length > 0 || out.size > 0) return out;
  const mistake = byFailures(observations);
  if (mistake) {
    observations.forEach((o, k) => {
      if (isFailed(o) && o.result.status === "fail") give(k, mistake, { kind: "looks-like", because: BY_FAILURES[mistake] });
    });
  }
  return out;
}

function intersect(list: CaseEvidence[]): string[] {
  if (list.length === 0) return [];
  return [...list[0].candidates].filter((mistake) => list.every((e) => e.candidates.has(mistake)));
}
