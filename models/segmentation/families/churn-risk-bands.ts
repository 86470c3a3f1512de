import type { SegmentDefinition } from '../segment-definition.js';
import { SegmentRuleError } from '../errors.js';
import { DEFAULT_CHURN_BANDS, percentileOf, type ThresholdSpec } from '../settings/index.js';
import type { SegmentFamily } from './segment-family.js';

/** Lower bounds (inclusive) of the medium, high and critical bands; low is below `medium`. Numbers are probabilities, `pNN` percentiles of the population. */
export interface ChurnRiskThresholds {
  medium: ThresholdSpec;
  high: ThresholdSpec;
  critical: ThresholdSpec;
}

/**
 * 0.5 / 0.8 / 0.98: low is "more likely to buy in the horizon than not"; critical "at most one in
 * fifty buys". (The earlier 0.3 / 0.6 / 0.85 put 45% of the demo's customers in critical: over a
 * 90-day horizon most one-time buyers of long ago sit above 0.9.)
 */
export const DEFAULT_CHURN_RISK_THRESHOLDS: Readonly<ChurnRiskThresholds> = DEFAULT_CHURN_BANDS;

export const CHURN_RISK_IDS = ['churn:low', 'churn:medium', 'churn:high', 'churn:critical'] as const;
export type ChurnRiskId = (typeof CHURN_RISK_IDS)[number];

const BANDS = ['medium', 'high', 'critical'] as const;

/** Checks the thresholds: probabilities in (0, 1] and, where two are of the same kind, ascending. */
export function checkChurnRiskThresholds(thresholds: ChurnRiskThresholds, path: readonly (string | number)[] = ['churnBands']): void {
  for (const band of BANDS) {
    const spec = thresholds[band];
    if (typeof spec === 'number' && !(spec > 0 && spec <= 1)) throw new SegmentRuleError([...path, band], `a churn probability threshold must be in (0, 1], got ${spec}`);
  }
  const rank = (spec: ThresholdSpec): number | null => (typeof spec === 'number' ? spec : null);
  const pct = (spec: ThresholdSpec): number | null => percentileOf(spec);
  for (let k = 1; k < BANDS.length; k++) {
    const lower = thresholds[BANDS[k - 1] as (typeof BANDS)[number]];
    const upper = thresholds[BANDS[k] as (typeof BANDS)[number]];
    for (const key of [rank, pct]) {
      const a = key(lower);
      const b = key(upper);
      if (a !== null && b !== null && !(a < b)) {
        throw new SegmentRuleError([...path, BANDS[k] as string], `churn thresholds must ascend (medium < high < critical), got ${JSON.stringify(thresholds)}`);
      }
    }
  }
}

const describe = (spec: ThresholdSpec): string => (typeof spec === 'number' ? String(spec) : `the population's ${spec.slice(1)}th percentile (${spec})`);

/** Band definitions whose descriptions state the thresholds in force. */
export function churnRiskDefinitions(thresholds: ChurnRiskThresholds): SegmentDefinition[] {
  const { medium, high, critical } = thresholds;
  const band = (id: ChurnRiskId, name: string, range: string): SegmentDefinition => ({ id, family: 'churn-risk', name, description: `Churn probability ${range}.` });
  return [
    band('churn:low', 'Low churn risk', `below ${describe(medium)}`),
    band('churn:medium', 'Medium churn risk', `from ${describe(medium)} to below ${describe(high)}`),
    band('churn:high', 'High churn risk', `from ${describe(high)} to below ${describe(critical)}`),
    band('churn:critical', 'Critical churn risk', `of ${describe(critical)} or more`),
  ];
}

/** Index into CHURN_RISK_IDS for a churn probability against resolved (numeric) thresholds. */
export function churnRiskBandIndex(churnProbability: number, thresholds: { medium: number; high: number; critical: number }): number {
  if (churnProbability >= thresholds.critical) return 3;
  if (churnProbability >= thresholds.high) return 2;
  if (churnProbability >= thresholds.medium) return 1;
  return 0;
}

const percentilesOf = (specs: readonly ThresholdSpec[], field: string) =>
  specs.flatMap((spec) => {
    const percentile = percentileOf(spec);
    return percentile === null ? [] : [{ field, percentile }];
  });

/** Four churn-risk bands by churn probability (configurable thresholds, numbers or percentiles). */
export const CHURN_RISK_FAMILY: SegmentFamily = {
  id: 'churn-risk',
  enabled: (settings) => settings.churnBands.enabled,
  check: (settings) => checkChurnRiskThresholds(settings.churnBands),
  definitions: (settings) => churnRiskDefinitions(settings.churnBands),
  percentiles: (settings) => percentilesOf(BANDS.map((band) => settings.churnBands[band]), 'churnProbability'),
  assign: (context) => {
    const { churnBands } = context.settings;
    const resolved = {
      medium: context.threshold(churnBands.medium, 'churnProbability'),
      high: context.threshold(churnBands.high, 'churnProbability'),
      critical: context.threshold(churnBands.critical, 'churnProbability'),
    };
    const churn = context.columns.churnProbability;
    const assigned = new Int16Array(churn.length);
    for (let i = 0; i < assigned.length; i++) assigned[i] = churnRiskBandIndex(churn[i] as number, resolved);
    return assigned;
  },
};

export { percentilesOf as thresholdPercentiles };
