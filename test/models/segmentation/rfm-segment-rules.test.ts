import { describe, expect, it } from 'vitest';
import { combinedFrequencyMonetaryScore } from '../../../models/segmentation/families/rfm-scores.js';
import { firstMatchingRfmRule, matchesRfmRule, RFM_SEGMENT_RULES } from '../../../models/segmentation/families/rfm-segment-rules.js';
import type { RfmCell } from '../../../models/segmentation/families/rfm-segment-rules.js';

const SCORES = [1, 2, 3, 4, 5];
const ALL_COMBINATIONS = SCORES.flatMap((r) => SCORES.flatMap((f) => SCORES.map((m) => ({ r, f, m }))));
const cellOf = ({ r, f, m }: { r: number; f: number; m: number }): RfmCell => ({
  recency: r,
  frequencyMonetary: combinedFrequencyMonetaryScore(f, m),
});
const segmentOf = (cell: RfmCell): string | undefined => RFM_SEGMENT_RULES[firstMatchingRfmRule(RFM_SEGMENT_RULES, cell)]?.definition.id;

describe('RFM segment rules', () => {
  it('lists the eleven classic segments with url-safe ids, catch-all last', () => {
    const ids = RFM_SEGMENT_RULES.map((rule) => rule.definition.id);

    expect(ids).toEqual([
      'rfm:champions',
      'rfm:loyal-customers',
      'rfm:potential-loyalists',
      'rfm:new-customers',
      'rfm:promising',
      'rfm:need-attention',
      'rfm:about-to-sleep',
      'rfm:cannot-lose-them',
      'rfm:at-risk',
      'rfm:hibernating',
      'rfm:lost',
    ]);
    expect(RFM_SEGMENT_RULES.every((rule) => rule.definition.family === 'rfm')).toBe(true);
  });

  it('has non-overlapping rules before the catch-all, over all 125 (R, F, M) combinations', () => {
    // Arrange
    const specificRules = RFM_SEGMENT_RULES.slice(0, -1);

    // Act
    const matchCounts = ALL_COMBINATIONS.map((combination) => specificRules.filter((rule) => matchesRfmRule(rule, cellOf(combination))).length);

    // Assert
    expect(ALL_COMBINATIONS).toHaveLength(125);
    expect(matchCounts.every((count) => count <= 1)).toBe(true);
  });

  it('leaves only R = 1 with FM 1–2 to the catch-all Lost', () => {
    const reachingLost = ALL_COMBINATIONS.filter((combination) => segmentOf(cellOf(combination)) === 'rfm:lost');

    expect(reachingLost.every(({ r, f, m }) => r === 1 && combinedFrequencyMonetaryScore(f, m) <= 2)).toBe(true);
    expect(reachingLost.length).toBeGreaterThan(0);
  });

  it('gives every combination exactly one segment and leaves no rule unreachable', () => {
    const assigned = ALL_COMBINATIONS.map((combination) => segmentOf(cellOf(combination)));

    expect(assigned.every((id) => id !== undefined)).toBe(true);
    expect(new Set(assigned)).toEqual(new Set(RFM_SEGMENT_RULES.map((rule) => rule.definition.id)));
  });

  it.each([
    [{ r: 5, f: 5, m: 5 }, 'rfm:champions'],
    [{ r: 5, f: 1, m: 1 }, 'rfm:new-customers'],
    [{ r: 4, f: 4, m: 5 }, 'rfm:loyal-customers'],
    [{ r: 4, f: 1, m: 1 }, 'rfm:promising'],
    [{ r: 3, f: 3, m: 3 }, 'rfm:need-attention'],
    [{ r: 3, f: 1, m: 2 }, 'rfm:about-to-sleep'],
    [{ r: 1, f: 5, m: 5 }, 'rfm:cannot-lose-them'],
    [{ r: 2, f: 3, m: 4 }, 'rfm:at-risk'],
    [{ r: 2, f: 1, m: 1 }, 'rfm:hibernating'],
    [{ r: 1, f: 1, m: 2 }, 'rfm:lost'],
    [{ r: 5, f: 2, m: 3 }, 'rfm:potential-loyalists'],
  ])('places %o in %s', (combination, expected) => {
    expect(segmentOf(cellOf(combination))).toBe(expected);
  });

  it('rounds the combined FM score half up', () => {
    expect(combinedFrequencyMonetaryScore(1, 2)).toBe(2);
    expect(combinedFrequencyMonetaryScore(4, 5)).toBe(5);
    expect(combinedFrequencyMonetaryScore(3, 3)).toBe(3);
  });
});
