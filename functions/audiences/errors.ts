/** Base of every error the audience pull API raises on purpose; `cause` keeps what went wrong underneath. */
export class AudienceApiError extends Error {
  override readonly name: string = 'AudienceApiError';
}

/** A request parameter the API cannot use (answered with 400 and this message). */
export class InvalidParameterError extends AudienceApiError {
  override readonly name: string = 'InvalidParameterError';

  constructor(
    readonly parameter: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A `cursor` that is not one this API issued, or was issued for another version, destination or page size. */
export class InvalidCursorError extends InvalidParameterError {
  override readonly name = 'InvalidCursorError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('cursor', message, options);
  }
}

/** No complete version answers the request: an unknown audience, version or destination (404). */
export class AudienceNotFoundError extends AudienceApiError {
  override readonly name = 'AudienceNotFoundError';
}

/** What the store holds contradicts the storage contract (an unreadable manifest, a file that does not match it). */
export class AudienceStoreError extends AudienceApiError {
  override readonly name = 'AudienceStoreError';
}
