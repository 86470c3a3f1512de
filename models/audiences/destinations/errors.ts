/** Base of the audience destination errors; `cause` keeps the underlying failure. */
export class AudienceDestinationError extends Error {
  override readonly name: string = 'AudienceDestinationError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A destination id (from a configuration or a request) that no registered destination has. */
export class UnknownDestinationError extends AudienceDestinationError {
  override readonly name = 'UnknownDestinationError';
}

/**
 * A destination produced a row its file cannot hold: the wrong number of cells, or a cell of a
 * hashed column that is not a SHA-256 digest (which would let a raw identifier out).
 */
export class DestinationFormatError extends AudienceDestinationError {
  override readonly name = 'DestinationFormatError';
}
