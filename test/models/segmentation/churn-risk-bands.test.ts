import { describe, expect, it } from 'vitest';
import {
  checkChurnRiskThresholds,
  churnRiskBandIndex,
  churnRiskDefinitions,
  CHURN_RISK_IDS,
  DEFAULT_CHURN_RISK_THRESHOLDS,
  type ChurnRiskThresholds,
} from '../../../models/segmentation/families/churn-risk-bands.js';
import { SegmentRuleError } from '../../../models/segmentation/errors.js';

const bandOf = (probability: number, overrides: Partial<{ medium: number; high: number; critical: number }> = {}): string | undefined =>
  CHURN_RISK_IDS[churnRiskBandIndex(probability, { ...(DEFAULT_CHURN_RISK_THRESHOLDS as { medium: number; high: number; critical: number }), ...overrides })];

describe('churn-risk bands', () => {
  it.each([
    [0, 'churn:low'],
    [0.4999, 'churn:low'],
    [0.5, 'churn:medium'],
    [0.8, 'churn:high'],
    [0.9799, 'churn:high'],
    [0.98, 'churn:critical'],
    [1, 'churn:critical'],
  ])('puts %f in %s with the default thresholds (lower bounds inclusive)', (probability, expected) => {
    expect(bandOf(probability)).toBe(expected);
  });

  it('honours custom thresholds', () => {
    const overrides = { medium: 0.1, high: 0.2 };

    expect(bandOf(0.15, overrides)).toBe('churn:medium');
    expect(bandOf(0.5, overrides)).toBe('churn:high');
  });

  it.each([
    [{ medium: 0.9 }],
    [{ high: 0.99 }],
    [{ medium: 0 }],
    [{ critical: 1.2 }],
    [{ medium: 'p80', high: 'p50' }],
  ])('rejects unordered or out-of-range thresholds %o, naming the entry', (overrides) => {
    const thresholds = { ...DEFAULT_CHURN_RISK_THRESHOLDS, ...overrides } as ChurnRiskThresholds;

    expect(() => checkChurnRiskThresholds(thresholds)).toThrow(SegmentRuleError);
    expect(() => checkChurnRiskThresholds(thresholds)).toThrow(/segments\.churnBands\./);
  });

  it('describes each band with the thresholds in force, numbers or percentiles', () => {
    const definitions = churnRiskDefinitions({ medium: 0.5, high: 0.8, critical: 0.9 });

    expect(definitions.map((d) => d.id)).toEqual([...CHURN_RISK_IDS]);
    expect(definitions[2]?.description).toBe('Churn probability from 0.8 to below 0.9.');
    expect(definitions.every((d) => d.family === 'churn-risk')).toBe(true);
    expect(churnRiskDefinitions({ medium: 'p50', high: 'p75', critical: 'p90' })[3]?.description).toBe("Churn probability of the population's 90th percentile (p90) or more.");
  });
});
