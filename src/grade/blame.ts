/**
 * Blame: when a function fails cases and imports a sibling exercise (poolBackward → distributeValue,
 * convForward → convSingleStep, ...), the learner's sibling is run on the calls the reference made to
 * it for those cases (recorded in the fixture). If it gets one wrong, the case says so and names the
 * sibling, so that a correct function is never read as the culprit. Points are not moved: see the
 * README's credit policy.
 */
import { existsSync } from "node:fs";
import { type Arg, type Exercise, exerciseNamed, type FunctionName } from "../exercises.js";
import type { SiblingCall, Tolerance } from "../fixtures/schema.js";
import type { CaseResult } from "../result.js";
import type { CallItem } from "../sandbox/protocol.js";
import { leaves, shapeOf } from "../tensor.js";
import { checkValue } from "./check-value.js";
import { formatNumber, formatShape, renderMismatch } from "./mismatch.js";

/**
 * Did the function's realm load the sibling's file? The sandbox reports the files a realm loaded;
 * when it does not (older sandboxes), a sibling file that exists counts as imported.
 */
export function importsSibling(loadedFiles: readonly string[] | undefined, siblingFile: string): boolean {
  return loadedFiles ? loadedFiles.includes(siblingFile) : existsSync(siblingFile);
}

/** A graded case (or gradient check) with what the fixture recorded for it. */
export interface BlameInput {
  result: CaseResult;
  siblingCalls: readonly SiblingCall[];
  tolerance: Tolerance;
}

/** Runs the learner's sibling on argument lists in the failing function's realm; one item per call, or undefined. */
export type RunSibling = (sibling: Exercise, argsList: unknown[][]) => Promise<CallItem[]>;

const INLINE_NUMBERS = 9;

function describeArg(arg: Arg, value: unknown): string {
  const name = arg.name;
  if (typeof value === "number") return `${name} = ${formatNumber(value)}`;
  if (Array.isArray(value)) {
    const flat = leaves(value);
    if (arg.type === "shape" && flat.every((x) => typeof x === "number")) return `${name} ${formatShape(flat as number[])}`;
    if (flat.length <= INLINE_NUMBERS) return `${name} = ${JSON.stringify(value, (_, x) => (typeof x === "number" ? Number(formatNumber(x)) : x))}`;
    return `${name} of shape ${formatShape(shapeOf(value))}`;
  }
  if (typeof value === "object" && value !== null) {
    return `${name} ${JSON.stringify(value)}`;
  }
  return `${name} = ${String(value)}`;
}

/** "dz = 1e-7, shape (2,2)": a recorded call in a few words (large tensors by their shape). */
export function describeCall(sibling: Exercise, args: readonly unknown[]): string {
  return args.map((arg, i) => describeArg(sibling.args[i] ?? { name: `argument ${i + 1}`, type: "number" }, arg)).join(", ");
}

/** Why the learner's sibling is wrong on one recorded call, or undefined when it is right. */
function judgeCall(sibling: Exercise, call: SiblingCall, item: CallItem | undefined, tolerance: Tolerance): string | undefined {
  if (!item) return undefined; // no answer (time-out, crash): nothing to say about the sibling
  if (!item.ok) {
    if (item.thrown?.notImplemented) return "which is not implemented yet";
    if (item.thrown) return `which throws ${item.thrown.name} for ${describeCall(sibling, call.args)}`;
    return undefined;
  }
  const mismatch = checkValue(
    sibling,
    { name: "", args: call.args, expected: call.expected, points: 0, hidden: false, siblingCalls: [], tolerance },
    item.value,
  );
  return mismatch ? `which is wrong for ${describeCall(sibling, call.args)} (${renderMismatch(mismatch)})` : undefined;
}

/**
 * Adds blame to the failed, visible cases of `fn` whose recorded sibling calls the learner's sibling
 * gets wrong. `loadedFiles`: what the function's realm loaded (absolute paths), when known.
 */
export async function blameSiblings(
  fn: FunctionName,
  inputs: readonly BlameInput[],
  fileOf: (sibling: Exercise) => string,
  loadedFiles: readonly string[] | undefined,
  runSibling: RunSibling,
): Promise<void> {
  // Hidden cases are left alone: a message about them could show their inputs.
  const failed = inputs.filter((input) => input.result.status === "fail" && !input.result.hidden && input.siblingCalls.length > 0);
  const siblings = new Set(failed.flatMap((input) => input.siblingCalls.map((call) => call.function)));
  const found = new Map<BlameInput, string>();
  for (const name of siblings) {
    const sibling = exerciseNamed(name);
    if (!importsSibling(loadedFiles, fileOf(sibling))) continue;
    const calls = failed.flatMap((input) => input.siblingCalls.filter((call) => call.function === name).map((call) => ({ input, call })));
    const items = await runSibling(
      sibling,
      calls.map(({ call }) => call.args),
    );
    let first: BlameInput | undefined;
    calls.forEach(({ input, call }, k) => {
      if (found.has(input)) return;
      const why = judgeCall(sibling, call, items[k], input.tolerance);
      if (why) found.set(input, `${fn} uses your ${name}, ${why}: fix it first.`);
      first ??= why ? input : undefined;
    });
    // Only a sample of each case's sibling calls is stored: where none of a failed case's samples showed
    // the sibling wrong, it may still be why that case fails, so say so without claiming it.
    if (!first) continue;
    for (const input of failed) {
      if (found.has(input) || !input.siblingCalls.some((call) => call.function === name)) continue;
      found.set(input, `${fn} uses your ${name}, which is wrong (see "${first.result.name}"): fix it first, then check this again.`);
    }
  }
  for (const [input, blame] of found) {
    input.result.message = input.result.message ? `${blame} Here: ${input.result.message}` : blame;
    // The function's own hint would point at the wrong code.
    delete input.result.hint;
    delete input.result.mistake;
  }
}
