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
  scores.forEach((score, i) => {
    columns.recencyDays[i] = finite(score, 'recencyDays');
    columns.frequency[i] = finite(score, 'frequency');
    columns.monetary[i] = finite(score, 'monetary');
    columns.predictedClv[i] = finite(score, 'predictedClv');
    columns.churnProbability[i] = probability(score);
    columns.tenureDays[i] = finite(score, 'tenureDays');
  });
  return columns;
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
