/** Base of every error of a deletion request; `cause` carries what failed underneath. */
export class ForgetError extends Error {
  override readonly name: string = 'ForgetError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A deletion request the tool cannot act on: no ids, an unknown kind, an unreadable list. */
export class DeletionRequestError extends ForgetError {
  override readonly name = 'DeletionRequestError';
}

/**
 * A scoring run held the single-flight lock for longer than the deletion may wait. Nothing was
 * changed; the request is retried (Lambda's asynchronous retries, or the user running it again).
 */
export class DeletionBlockedError extends ForgetError {
  override readonly name = 'DeletionBlockedError';

  constructor(
    message: string,
    readonly holder: string,
  ) {
    super(message);
  }
}
