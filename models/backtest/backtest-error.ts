/** Raised when a backtest cannot run: unreadable orders, no customers on or before as-of, bad options. */
export class BacktestError extends Error {
  override readonly name = 'BacktestError';
}
