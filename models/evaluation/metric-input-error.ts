/**
 * Thrown when a metric is given inputs it is not defined for: lengths that differ, non-finite values,
 * a single class, constant inputs...
 */
export class MetricInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MetricInputError';
  }
}
