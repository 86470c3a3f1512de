/** Base of the churn/CLV model errors; `cause` keeps the underlying failure. */
export class ChurnClvError extends Error {
  override readonly name: string = 'ChurnClvError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class ModelNotFoundError extends ChurnClvError {
  override readonly name = 'ModelNotFoundError';
}

/** A stored version written by an older release, or artefacts this code cannot score with. */
export class ModelFormatError extends ChurnClvError {
  override readonly name = 'ModelFormatError';
}
