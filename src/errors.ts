/** Harness errors: bad flags, bad fixtures, a missing folder. Learner mistakes are results, never these. */

export type HarnessErrorCode = "USAGE" | "FIXTURE_INVALID" | "FIXTURE_MISSING" | "SUBMISSION_MISSING" | "SANDBOX" | "INTERNAL";

/** An expected failure of the harness: shown as its message alone, exit code 2. */
export class HarnessError extends Error {
  constructor(
    readonly code: HarnessErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "HarnessError";
  }
}

/** Process exit codes of `convgrade check`. */
export const ExitCode = {
  /** every selected function passes */
  Pass: 0,
  /** some function falls short */
  Shortfall: 1,
  /** usage error, invalid fixture, or a harness crash */
  HarnessError: 2,
  /** `grade`: the batch completed, but the harness could not grade some submissions (harness-error rows) */
  BatchIncomplete: 3,
} as const;
