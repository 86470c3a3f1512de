/** Base of the feature errors; `cause` keeps the underlying failure. */
export class FeatureError extends Error {
  override readonly name: string = 'FeatureError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Input the feature code cannot work with (a malformed day, mismatched customers). */
export class FeatureInputError extends FeatureError {
  override readonly name = 'FeatureInputError';
}
