import { combinedFrequencyMonetaryScore } from './rfm-scores.js';
import { firstMatchingRfmRule } from './rfm-segment-rules.js';
import type { RfmSegmentRule } from './rfm-segment-rules.js';
import { SegmentationInputError } from '../errors.js';

/**
 * Resolves every (R, F, M) combination to its first matching rule once, so a million
 * customers cost one array read each. Throws if some combination matches no rule.
 */
export function buildRfmSegmentLookup(rules: readonly RfmSegmentRule[]): (r: number, f: number, m: number) => number {
  const table = new Int16Array(125);
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      for (let m = 1; m <= 5; m++) {
        const frequencyMonetary = combinedFrequencyMonetaryScore(f, m);
        const index = firstMatchingRfmRule(rules, { recency: r, frequencyMonetary });
        if (index < 0) {
          throw new SegmentationInputError(`No RFM rule matches R=${r} F=${f} M=${m}; the last rule must be a catch-all`);
        }
        table[cellIndex(r, f, m)] = index;
      }
    }
  }
  return (r, f, m) => table[cellIndex(r, f, m)] as number;
}

function cellIndex(r: number, f: number, m: number): number {
  return (r - 1) * 25 + (f - 1) * 5 + (m - 1);
}
