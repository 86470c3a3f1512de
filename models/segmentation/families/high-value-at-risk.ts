import type { SegmentDefinition } from '../segment-definition.js';
import type { SegmentFamily } from './segment-family.js';
import { thresholdPercentiles } from './churn-risk-bands.js';

export const HIGH_VALUE_AT_RISK: SegmentDefinition = {
  id: 'predictive:high-value-at-risk',
  family: 'predictive',
  name: 'High value at risk',
  description: 'Spend in the top RFM monetary score (by default the top quintile: 80th percentile or above) and churn risk high or critical.',
};

/**
 * High historical value about to leave: RFM monetary score 5 (with quintiles: at least 80% of
 * customers spent strictly less) and churn probability at or above the churn bands' `high`
 * threshold. Historical spend rather than predicted CLV, because predicted CLV already falls as
 * churn risk rises and would hide exactly these customers.
 */
export const HIGH_VALUE_AT_RISK_FAMILY: SegmentFamily = {
  id: 'predictive',
  enabled: (settings) => settings.highValueAtRisk.enabled,
  definitions: () => [HIGH_VALUE_AT_RISK],
  percentiles: (settings) => thresholdPercentiles([settings.churnBands.high], 'churnProbability'),
  assign: (context) => {
    const high = context.threshold(context.settings.churnBands.high, 'churnProbability');
    const { monetary } = context.rfmScores();
    const churn = context.columns.churnProbability;
    const assigned = new Int16Array(churn.length);
    for (let i = 0; i < assigned.length; i++) assigned[i] = monetary[i] === 5 && (churn[i] as number) >= high ? 0 : -1;
    return assigned;
  },
};
