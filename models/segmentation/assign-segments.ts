import type { SegmentationScore } from './segmentation-score.js';
import { churnRiskBandIndex, CHURN_RISK_IDS, resolveChurnRiskThresholds } from './churn-risk-bands.js';
import type { ChurnRiskThresholds } from './churn-risk-bands.js';
import { CLV_TIERS } from './clv-tiers.js';
import { entryAt } from './entry-at.js';
import { PREDICTIVE_SEGMENT_RULES } from './predictive-segment-rules.js';
import type { CustomerSegmentFacts, PredictiveSegmentRule } from './predictive-segment-rules.js';
import { computePopulationStats, quintileScoreOf, tierIndexOf, type PopulationStats } from './population-stats.js';
import { buildRfmSegmentLookup } from './rfm-segment-lookup.js';
import { RFM_SEGMENT_RULES } from './rfm-segment-rules.js';
import type { RfmSegmentRule } from './rfm-segment-rules.js';
import { toScoreColumns } from './score-columns.js';
import { segmentCatalog } from './segment-catalog.js';
import type { SegmentDefinition } from './segment-definition.js';
import { SegmentationInputError } from './segmentation-input-error.js';

export interface SegmentAssignmentOptions {
  churnRiskThresholds?: Partial<ChurnRiskThresholds>;
  /** Ordered, first match wins; the last rule must catch everything left. Defaults to RFM_SEGMENT_RULES. */
  rfmRules?: readonly RfmSegmentRule[];
  predictiveRules?: readonly PredictiveSegmentRule[];
  /**
   * The population the quintiles and value tiers rank against, when `scores` are one shard of it;
   * by default the scores themselves are the population.
   */
  population?: PopulationStats;
}

export interface SegmentAssignment {
  /** Every segment that can be assigned, in family order: rfm, clv-tier, churn-risk, predictive. */
  definitions: SegmentDefinition[];
  /** customerId -> [rfm id, clv-tier id, churn-risk id, ...predictive ids]. */
  memberships: Map<string, string[]>;
  /** Segment id -> number of members, including empty segments. */
  sizes: Map<string, number>;
}

/**
 * Gives every customer exactly one RFM segment, one CLV tier and one churn-risk band, plus any
 * predictive segments they match. Sort-based, O(n log n). Throws SegmentationInputError on
 * non-finite numbers, a churn probability outside [0, 1] or a repeated customerId.
 */
export function assignSegments(scores: readonly SegmentationScore[], options: SegmentAssignmentOptions = {}): SegmentAssignment {
  const thresholds = resolveChurnRiskThresholds(options.churnRiskThresholds);
  const rfmRules = options.rfmRules ?? RFM_SEGMENT_RULES;
  const predictiveRules = options.predictiveRules ?? PREDICTIVE_SEGMENT_RULES;
  const definitions = segmentCatalog(rfmRules, thresholds, predictiveRules);

  const columns = toScoreColumns(scores);
  const population = options.population ?? computePopulationStats(scores.map((s) => s.customerId), columns);
  const { quintiles, tierEnds } = population;
  const rfmRuleIndexOf = buildRfmSegmentLookup(rfmRules);
  const memberships = new Map<string, string[]>();
  const counts = new Map<string, number>();
  scores.forEach((score, i) => {
    const facts: CustomerSegmentFacts = {
      recencyScore: quintileScoreOf(columns.recencyDays[i] as number, quintiles.recencyDays, 'lower-is-better'),
      frequencyScore: quintileScoreOf(columns.frequency[i] as number, quintiles.frequency, 'higher-is-better'),
      monetaryScore: quintileScoreOf(columns.monetary[i] as number, quintiles.monetary, 'higher-is-better'),
      clvTierId: entryAt(CLV_TIERS, tierIndexOf(score, tierEnds)).definition.id,
      churnRiskId: entryAt(CHURN_RISK_IDS, churnRiskBandIndex(score.churnProbability, thresholds)),
      churnProbability: score.churnProbability,
      predictedClv: score.predictedClv,
    };
    const rfmRule = entryAt(rfmRules, rfmRuleIndexOf(facts.recencyScore, facts.frequencyScore, facts.monetaryScore));
    const ids = [rfmRule.definition.id, facts.clvTierId, facts.churnRiskId];
    for (const rule of predictiveRules) if (rule.matches(facts)) ids.push(rule.definition.id);
    if (memberships.has(score.customerId)) {
      throw new SegmentationInputError(`Customer ${score.customerId} appears more than once`, { customerId: score.customerId });
    }
    memberships.set(score.customerId, ids);
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  const sizes = new Map(definitions.map(({ id }) => [id, counts.get(id) ?? 0]));
  return { definitions, memberships, sizes };
}
