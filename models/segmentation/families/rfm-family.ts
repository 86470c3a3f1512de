import { buildRfmSegmentLookup } from './rfm-segment-lookup.js';
import { RFM_SEGMENT_RULES } from './rfm-segment-rules.js';
import type { SegmentFamily } from './segment-family.js';

const lookup = buildRfmSegmentLookup(RFM_SEGMENT_RULES);

/**
 * The classic RFM grid (11 named segments, first matching rule wins) on recency, frequency and
 * monetary scores 1..5: population quintiles by default, or absolute cut points.
 */
export const RFM_FAMILY: SegmentFamily = {
  id: 'rfm',
  enabled: (settings) => settings.rfm.enabled,
  definitions: () => RFM_SEGMENT_RULES.map((rule) => rule.definition),
  assign: (context) => {
    const { recency, frequency, monetary } = context.rfmScores();
    const assigned = new Int16Array(recency.length);
    for (let i = 0; i < assigned.length; i++) assigned[i] = lookup(recency[i] as number, frequency[i] as number, monetary[i] as number);
    return assigned;
  },
};
