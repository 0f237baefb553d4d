// src/errors.ts
var HarnessError = class extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
    this.name = "HarnessError";
  }
  code;
};
var ExitCode = {
  /** every selected function passes */
  Pass: 0,
  /** some function falls short */
  Shortfall: 1,
  /** usage error, invalid fixture, or a harness crash */
  HarnessError: 2,
  /** `grade`: the batch completed, but the harness could not grade some submissions (harness-error rows) */
  BatchIncomplete: 3
};

export {
  HarnessError,
  ExitCode
};
