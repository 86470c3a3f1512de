/**
 * Thrown when gradient boosting is given data or options it cannot fit or predict: a matrix whose
 * length is not a multiple of its width, targets of another length, non-finite values, too few
 * rows, a single class for log-loss, an option out of range.
 */
export class GradientBoostingInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'GradientBoostingInputError';
  }
}
