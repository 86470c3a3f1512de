/** Thrown when a lookalike model cannot be fitted or an audience built from the given input. */
export class LookalikeInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LookalikeInputError';
  }
}
