/** Base of every error segmentation raises; `cause` carries the underlying error when there is one. */
export class SegmentationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SegmentationError';
  }
}

/** Thrown when scores or options cannot be segmented (non-finite values, duplicate customers, unordered thresholds). */
export class SegmentationInputError extends SegmentationError {
  readonly customerId: string | undefined;

  constructor(message: string, options?: ErrorOptions & { customerId?: string }) {
    super(message, options);
    this.name = 'SegmentationInputError';
    this.customerId = options?.customerId;
  }
}

/**
 * A segment rule or family setting that cannot be used: an unknown field, a type mismatch, a
 * circular segment reference, an unknown segment. `path` locates the entry in the `segments`
 * section (for example `custom.1.rule.all.0.lastOrderDate`); `rule` names the segment.
 */
export class SegmentRuleError extends SegmentationError {
  constructor(
    readonly path: readonly (string | number)[],
    readonly reason: string,
    readonly rule?: string,
    options?: ErrorOptions,
  ) {
    super(`${rule ? `segment ${rule}: ` : ''}${reason} (at segments.${path.join('.')})`, options);
    this.name = 'SegmentRuleError';
  }
}
