import { describe, expect, it } from 'vitest';
import {
  churnRiskBandIndex,
  churnRiskDefinitions,
  CHURN_RISK_IDS,
  resolveChurnRiskThresholds,
} from '../../../models/segmentation/churn-risk-bands.js';
import { SegmentationInputError } from '../../../models/segmentation/segmentation-input-error.js';

const bandOf = (probability: number, overrides = {}): string | undefined =>
  CHURN_RISK_IDS[churnRiskBandIndex(probability, resolveChurnRiskThresholds(overrides))];

describe('churn-risk bands', () => {
  it.each([
    [0, 'churn:low'],
    [0.2999, 'churn:low'],
    [0.3, 'churn:medium'],
    [0.6, 'churn:high'],
    [0.8499, 'churn:high'],
    [0.85, 'churn:critical'],
    [1, 'churn:critical'],
  ])('puts %f in %s with the default thresholds (lower bounds inclusive)', (probability, expected) => {
    expect(bandOf(probability)).toBe(expected);
  });

  it('honours custom thresholds', () => {
    // Arrange
    const overrides = { medium: 0.1, high: 0.2 };

    // Act
    const band = bandOf(0.15, overrides);

    // Assert
    expect(band).toBe('churn:medium');
    expect(bandOf(0.5, overrides)).toBe('churn:high');
  });

  it.each([
    [{ medium: 0.7 }],
    [{ high: 0.9 }],
    [{ medium: 0 }],
    [{ critical: 1.2 }],
    [{ high: Number.NaN }],
  ])('rejects unordered or out-of-range thresholds %o', (overrides) => {
    expect(() => resolveChurnRiskThresholds(overrides)).toThrow(SegmentationInputError);
  });

  it('describes each band with the thresholds in force', () => {
    const definitions = churnRiskDefinitions(resolveChurnRiskThresholds({ critical: 0.9 }));

    expect(definitions.map((d) => d.id)).toEqual([...CHURN_RISK_IDS]);
    expect(definitions[2]?.description).toBe('Churn probability from 0.6 to below 0.9.');
    expect(definitions.every((d) => d.family === 'churn-risk')).toBe(true);
  });
});
