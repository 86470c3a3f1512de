import type { ScoreColumns } from '../score-columns.js';
import { CLUSTER_FEATURE_NAMES, type ClusterFeatureName } from './cluster-feature-names.js';

/** Sign-preserving log1p: money and counts are heavily right-skewed, and net spend can be negative after returns. */
const slog = (x: number): number => (x >= 0 ? Math.log1p(x) : -Math.log1p(-x));

const RECENCY = 0;
const FREQUENCY = 1;
const MONETARY = 2;
const ORDER_VALUE = 3;
const TENURE = 4;
const PREDICTED = 5;
const CHURN = 6;

export const featureCode = (name: ClusterFeatureName): number => CLUSTER_FEATURE_NAMES.indexOf(name);

/** The raw value (days, purchase days, money, probability) of feature `code` for customer i. */
export function rawFeature(columns: ScoreColumns, code: number, i: number): number {
  switch (code) {
    case RECENCY:
      return columns.recencyDays[i] as number;
    case FREQUENCY:
      return columns.frequency[i] as number;
    case MONETARY:
      return columns.monetary[i] as number;
    case ORDER_VALUE: {
      const f = columns.frequency[i] as number;
      return f > 0 ? (columns.monetary[i] as number) / f : 0;
    }
    case TENURE:
      return columns.tenureDays[i] as number;
    case PREDICTED:
      return columns.predictedClv[i] as number;
    default:
      return columns.churnProbability[i] as number;
  }
}

/** The value clustering measures distances on, before standardising: log scale for money and counts. */
export function transformedFeature(columns: ScoreColumns, code: number, i: number): number {
  const raw = rawFeature(columns, code, i);
  return code === FREQUENCY || code === MONETARY || code === ORDER_VALUE || code === PREDICTED ? slog(raw) : raw;
}

export { CHURN, FREQUENCY, MONETARY, ORDER_VALUE, PREDICTED, RECENCY, TENURE };

/** Words for a feature in persona descriptions. */
export const FEATURE_LABELS: Record<ClusterFeatureName, string> = {
  recencyDays: 'days since the last purchase',
  frequency: 'purchase days',
  monetary: 'historic spend',
  averageOrderValue: 'order value',
  tenureDays: 'tenure',
  predictedClv: 'predicted value',
  churnProbability: 'churn probability',
};
