import { quintileScores } from './quintile-scores.js';
import type { ScoreColumns } from './score-columns.js';

/** Per-customer quintile scores 1..5, aligned with the input order. */
export interface RfmScores {
  /** Fewer days since the last order scores higher. */
  recency: Uint8Array;
  frequency: Uint8Array;
  monetary: Uint8Array;
}

export function computeRfmScores(columns: ScoreColumns): RfmScores {
  return {
    recency: quintileScores(columns.recencyDays, 'lower-is-better'),
    frequency: quintileScores(columns.frequency, 'higher-is-better'),
    monetary: quintileScores(columns.monetary, 'higher-is-better'),
  };
}

/** The combined FM score used by the RFM segment grid: the mean of F and M, halves rounded up. */
export function combinedFrequencyMonetaryScore(frequency: number, monetary: number): number {
  return Math.ceil((frequency + monetary) / 2);
}
