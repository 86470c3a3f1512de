/** Base of the ZILN network errors; `cause` keeps the underlying failure. */
export class ZilnError extends Error {
  override readonly name: string = 'ZilnError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A network this code cannot score with (not a stack of dense relu/linear layers of the right widths). */
export class NetworkFormatError extends ZilnError {
  override readonly name = 'NetworkFormatError';
}
