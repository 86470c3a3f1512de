/** Raised when BTYD predictions cannot be produced for a data set (no customers, numerical failure). */
export class BtydPredictionError extends Error {
  override readonly name = 'BtydPredictionError';
}
