import type { ChurnRiskId } from './churn-risk-bands.js';
import type { SegmentDefinition } from './segment-definition.js';

/** What a predictive rule may look at for one customer, after the other families are assigned. */
export interface CustomerSegmentFacts {
  recencyScore: number;
  frequencyScore: number;
  monetaryScore: number;
  clvTierId: string;
  churnRiskId: ChurnRiskId;
  churnProbability: number;
  predictedClv: number;
}

export interface PredictiveSegmentRule {
  definition: SegmentDefinition;
  matches(facts: CustomerSegmentFacts): boolean;
}

const AT_LEAST_HIGH_CHURN_RISK: ReadonlySet<ChurnRiskId> = new Set<ChurnRiskId>(['churn:high', 'churn:critical']);

/**
 * High historical value about to leave: monetary quintile score 5 (at least 80% of customers
 * spent strictly less, i.e. at or above the 80th percentile of spend) and churn probability at or
 * above the high threshold. Historical spend rather than predicted CLV, because predicted CLV
 * already falls as churn risk rises and would hide exactly these customers.
 */
export const HIGH_VALUE_AT_RISK: PredictiveSegmentRule = {
  definition: {
    id: 'predictive:high-value-at-risk',
    family: 'predictive',
    name: 'High value at risk',
    description: 'Spend in the top quintile (80th percentile or above) and churn risk high or critical.',
  },
  matches: (facts) => facts.monetaryScore === 5 && AT_LEAST_HIGH_CHURN_RISK.has(facts.churnRiskId),
};

export const PREDICTIVE_SEGMENT_RULES: readonly PredictiveSegmentRule[] = [HIGH_VALUE_AT_RISK];
