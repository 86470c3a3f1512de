/** Thrown when a metric is given inputs it is not defined for (length mismatch, non-finite values, one class only...). */
export class MetricInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MetricInputError';
  }
}
