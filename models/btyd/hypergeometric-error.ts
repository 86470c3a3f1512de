/** Thrown when the Gauss hypergeometric function is asked for a value it cannot produce reliably. */
export class HypergeometricError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HypergeometricError';
  }
}
