import type { SegmentationScore } from './segmentation-score.js';
import { SegmentationInputError } from './errors.js';

/** The numeric fields of all scores as typed columns: cheap to sort and scan for a million customers. */
export interface ScoreColumns {
  recencyDays: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  predictedClv: Float64Array;
  churnProbability: Float64Array;
  tenureDays: Float64Array;
}

export function toScoreColumns(scores: readonly SegmentationScore[]): ScoreColumns {
  const n = scores.length;
  const columns: ScoreColumns = {
    recencyDays: new Float64Array(n),
    frequency: new Float64Array(n),
    monetary: new Float64Array(n),
    predictedClv: new Float64Array(n),
    churnProbability: new Float64Array(n),
    tenureDays: new Float64Array(n),
  };
  const { recencyDays, frequency, monetary, predictedClv, churnProbability, tenureDays } = columns;
  for (let i = 0; i < n; i++) {
    const score = scores[i] as SegmentationScore;
    // Direct reads (no keyed access per field): this runs for every customer of a shard.
    recencyDays[i] = score.recencyDays;
    frequency[i] = score.frequency;
    monetary[i] = score.monetary;
    predictedClv[i] = score.predictedClv;
    churnProbability[i] = score.churnProbability;
    tenureDays[i] = score.tenureDays;
    const sum = score.recencyDays + score.frequency + score.monetary + score.predictedClv + score.churnProbability + score.tenureDays;
    if (!Number.isFinite(sum) || typeof sum !== 'number' || score.churnProbability < 0 || score.churnProbability > 1) explain(score);
  }
  return columns;
}

/** Checks field by field a score the fast check doubted (a sum of huge finite values may overflow; that passes). */
function explain(score: SegmentationScore): void {
  for (const field of ['recencyDays', 'frequency', 'monetary', 'predictedClv', 'tenureDays'] as const) finite(score, field);
  probability(score);
}

type NumericField = Exclude<keyof SegmentationScore, 'customerId' | 'row'>;

function finite(score: SegmentationScore, field: NumericField): number {
  const value = score[field];
  if (!Number.isFinite(value)) {
    throw new SegmentationInputError(`${field} of customer ${score.customerId} is not a finite number: ${value}`, {
      customerId: score.customerId,
    });
  }
  return value;
}

function probability(score: SegmentationScore): number {
  const value = finite(score, 'churnProbability');
  if (value < 0 || value > 1) {
    throw new SegmentationInputError(`churnProbability of customer ${score.customerId} is outside [0, 1]: ${value}`, {
      customerId: score.customerId,
    });
  }
  return value;
}
