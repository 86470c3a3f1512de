import type { PopulationStats } from '../population/population-stats.js';
import { quintileScoreOf } from '../population/quintile-thresholds.js';
import type { ScoreColumns } from '../score-columns.js';
import type { SegmentationSettings } from '../settings/index.js';

/** Per-customer scores 1..5, aligned with the input order. */
export interface RfmScores {
  /** Fewer days since the last order scores higher. */
  recency: Uint8Array;
  frequency: Uint8Array;
  monetary: Uint8Array;
}

/**
 * RFM scores of a shard: against the population's quintile thresholds (cutPoints: quantile), or
 * against the configured absolute cut points: recency 5 at or below the first cut, 4 at or below
 * the second, ...; frequency and monetary 1 + the number of cuts reached (value >= cut).
 */
export function rfmScoresOf(columns: ScoreColumns, population: PopulationStats, rfm: SegmentationSettings['rfm']): RfmScores {
  const n = columns.recencyDays.length;
  const scores: RfmScores = { recency: new Uint8Array(n), frequency: new Uint8Array(n), monetary: new Uint8Array(n) };
  const absolute = rfm.cutPoints === 'absolute' ? rfm.absolute : undefined;
  const { quintiles } = population;
  for (let i = 0; i < n; i++) {
    const recencyDays = columns.recencyDays[i] as number;
    const frequency = columns.frequency[i] as number;
    const monetary = columns.monetary[i] as number;
    if (absolute) {
      scores.recency[i] = 5 - countBelow(absolute.recencyDays, recencyDays);
      scores.frequency[i] = 1 + countReached(absolute.frequency, frequency);
      scores.monetary[i] = 1 + countReached(absolute.monetary, monetary);
    } else {
      scores.recency[i] = quintileScoreOf(recencyDays, quintiles.recencyDays, 'lower-is-better');
      scores.frequency[i] = quintileScoreOf(frequency, quintiles.frequency, 'higher-is-better');
      scores.monetary[i] = quintileScoreOf(monetary, quintiles.monetary, 'higher-is-better');
    }
  }
  return scores;
}

/** How many cuts lie strictly below the value. */
function countBelow(cuts: readonly number[], value: number): number {
  let count = 0;
  for (const cut of cuts) if (cut < value) count++;
  return count;
}

/** How many cuts the value reaches (value >= cut). */
function countReached(cuts: readonly number[], value: number): number {
  let count = 0;
  for (const cut of cuts) if (value >= cut) count++;
  return count;
}

/** The combined FM score used by the RFM segment grid: the mean of F and M, halves rounded up. */
export function combinedFrequencyMonetaryScore(frequency: number, monetary: number): number {
  return Math.ceil((frequency + monetary) / 2);
}
