/** Anything the scoring module refuses; the underlying error, if any, is the cause. */
export class ScoringError extends Error {
  override readonly name: string = 'ScoringError';
}

/** Settings outside what the CLV computation accepts (horizon, discount rate). */
export class ScoringSettingsError extends ScoringError {
  override readonly name = 'ScoringSettingsError';
}

/** Inputs that do not describe the same customers in the same order. */
export class ScoringInputError extends ScoringError {
  override readonly name = 'ScoringInputError';
}
