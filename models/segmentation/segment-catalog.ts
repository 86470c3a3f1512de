import { churnRiskDefinitions } from './churn-risk-bands.js';
import type { ChurnRiskThresholds } from './churn-risk-bands.js';
import { CLV_TIERS } from './clv-tiers.js';
import type { PredictiveSegmentRule } from './predictive-segment-rules.js';
import type { RfmSegmentRule } from './rfm-segment-rules.js';
import type { SegmentDefinition } from './segment-definition.js';
import { SegmentationInputError } from './segmentation-input-error.js';

const URL_SAFE_SEGMENT_ID = /^[a-z0-9-]+:[a-z0-9-]+$/;

/** Every assignable segment in family order (rfm, clv-tier, churn-risk, predictive), with ids checked. */
export function segmentCatalog(
  rfmRules: readonly RfmSegmentRule[],
  thresholds: ChurnRiskThresholds,
  predictiveRules: readonly PredictiveSegmentRule[],
): SegmentDefinition[] {
  const definitions = [
    ...rfmRules.map((rule) => rule.definition),
    ...CLV_TIERS.map((tier) => tier.definition),
    ...churnRiskDefinitions(thresholds),
    ...predictiveRules.map((rule) => rule.definition),
  ];
  const seen = new Set<string>();
  for (const { id } of definitions) {
    if (!URL_SAFE_SEGMENT_ID.test(id)) throw new SegmentationInputError(`Segment id ${id} is not lower-case family:slug`);
    if (seen.has(id)) throw new SegmentationInputError(`Segment id ${id} is defined twice`);
    seen.add(id);
  }
  return definitions;
}
