/** Thrown when customers, transactions, parameters or options are outside what the BTYD models accept. */
export class BtydInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BtydInputError';
  }
}
