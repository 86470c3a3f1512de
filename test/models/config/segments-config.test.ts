import { describe, expect, it } from 'vitest';
import { ConfigurationError, DEFAULT_SEGMENTS_CONFIG, parseSegmentsConfig } from '../../../models/config/index.js';

describe('the scoring section of the configuration file', () => {
  it('defaults to an undiscounted lifetime value and leaves both horizons to the deployment (90 and 365 days unless deployed otherwise)', () => {
    expect(DEFAULT_SEGMENTS_CONFIG.scoring).toEqual({ annualDiscountRate: 0 });
  });

  it('reads the horizon, the lifetime-value horizon and the yearly discount rate', () => {
    const config = parseSegmentsConfig('scoring: { horizonDays: 180, clvHorizonDays: 730, annualDiscountRate: 0.08 }', 'segments.config.yaml');

    expect(config.scoring).toEqual({ horizonDays: 180, clvHorizonDays: 730, annualDiscountRate: 0.08 });
  });

  it('refuses values it cannot score with, naming each entry', () => {
    const attempt = () => parseSegmentsConfig('scoring: { horizonDays: 0, clvHorizonDays: 10.5, annualDiscountRate: 2, horizon: 90 }', 'segments.config.yaml');

    expect(attempt).toThrow(ConfigurationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigurationError).issues.map((issue) => issue.path).sort()).toEqual(['scoring', 'scoring.annualDiscountRate', 'scoring.clvHorizonDays', 'scoring.horizonDays']);
    }
  });
});
