import type { ModelCard } from '../model-families/index.js';

/** The model card of a backtest, with what happened to the input file's rows. */
export interface BacktestModelCard extends ModelCard {
  input: { rowsRead: number; rowsRejected: number; rowsAfterAsOf: number };
}
