/** A command line the tool cannot act on (checked beyond what commander checks); exit 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Something the command was asked about does not exist; exit 3. */
export class NotFoundError extends Error {
  override readonly name: string = 'NotFoundError';
}

/** The state folder has no finished run yet, so there is nothing to show; exit 3. */
export class NoRunYetError extends NotFoundError {
  override readonly name = 'NoRunYetError';
}

/** `query --segment` with an id the current run's catalogue does not list; exit 3. */
export class SegmentNotFoundError extends NotFoundError {
  override readonly name = 'SegmentNotFoundError';
}

/**
 * Some inputs were refused (e.g. an extract rejected at ingest) though the command went on with
 * the others; exit 2. `result` is what the command did, printed with --json all the same.
 */
export class InputRejectedError extends Error {
  override readonly name = 'InputRejectedError';

  constructor(
    message: string,
    readonly result: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An error that carries the command's result (printed with --json before the error). */
export const resultOf = (error: unknown): { result: unknown } | null =>
  error instanceof Error && 'result' in error && (error as { result?: unknown }).result !== undefined ? (error as { result: unknown }) : null;
