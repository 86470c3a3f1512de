export type RejectionReason =
  | 'empty-file'
  | 'unknown-format'
  | 'corrupt-file'
  | 'unreadable-file'
  | 'missing-columns'
  | 'ambiguous-columns'
  | 'no-valid-rows';

/** A whole extract cannot be used; the report next to it tells the data team why. */
export class ExtractRejectedError extends Error {
  override readonly name = 'ExtractRejectedError';

  constructor(
    readonly reason: RejectionReason,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
