/** Base of the audiences module's errors; `cause` carries the underlying failure when there is one. */
export class AudienceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AudienceError';
  }
}

/** An audience cannot be built from the given input (an empty pool, a bad size, a date that is not a day). */
export class AudienceInputError extends AudienceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AudienceInputError';
  }
}

/** A similarity family id that is not registered. */
export class UnknownSimilarityFamilyError extends AudienceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnknownSimilarityFamilyError';
  }
}
