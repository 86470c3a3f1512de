/** Thrown when scores or options cannot be segmented (non-finite values, duplicate customers, unordered thresholds). */
export class SegmentationInputError extends Error {
  readonly customerId: string | undefined;

  constructor(message: string, options?: ErrorOptions & { customerId?: string }) {
    super(message, options);
    this.name = 'SegmentationInputError';
    this.customerId = options?.customerId;
  }
}
