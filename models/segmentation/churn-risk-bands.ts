import type { SegmentDefinition } from './segment-definition.js';
import { SegmentationInputError } from './segmentation-input-error.js';

/** Lower bounds (inclusive) of the medium, high and critical bands; low is below `medium`. */
export interface ChurnRiskThresholds {
  medium: number;
  high: number;
  critical: number;
}

export const DEFAULT_CHURN_RISK_THRESHOLDS: Readonly<ChurnRiskThresholds> = { medium: 0.3, high: 0.6, critical: 0.85 };

export const CHURN_RISK_IDS = ['churn:low', 'churn:medium', 'churn:high', 'churn:critical'] as const;
export type ChurnRiskId = (typeof CHURN_RISK_IDS)[number];

/** Fills in defaults and checks 0 < medium < high < critical <= 1. */
export function resolveChurnRiskThresholds(overrides: Partial<ChurnRiskThresholds> = {}): ChurnRiskThresholds {
  const thresholds = { ...DEFAULT_CHURN_RISK_THRESHOLDS, ...overrides };
  const { medium, high, critical } = thresholds;
  const ordered = 0 < medium && medium < high && high < critical && critical <= 1;
  if (!ordered) {
    throw new SegmentationInputError(
      `Churn risk thresholds must satisfy 0 < medium < high < critical <= 1, got ${JSON.stringify(thresholds)}`,
    );
  }
  return thresholds;
}

/** Band definitions whose descriptions state the thresholds in force. */
export function churnRiskDefinitions(thresholds: ChurnRiskThresholds): SegmentDefinition[] {
  const { medium, high, critical } = thresholds;
  const band = (id: ChurnRiskId, name: string, range: string): SegmentDefinition => ({
    id,
    family: 'churn-risk',
    name,
    description: `Churn probability ${range}.`,
  });
  return [
    band('churn:low', 'Low churn risk', `below ${medium}`),
    band('churn:medium', 'Medium churn risk', `from ${medium} to below ${high}`),
    band('churn:high', 'High churn risk', `from ${high} to below ${critical}`),
    band('churn:critical', 'Critical churn risk', `of ${critical} or more`),
  ];
}

/** Index into CHURN_RISK_IDS for a churn probability. */
export function churnRiskBandIndex(churnProbability: number, thresholds: ChurnRiskThresholds): number {
  if (churnProbability >= thresholds.critical) return 3;
  if (churnProbability >= thresholds.high) return 2;
  if (churnProbability >= thresholds.medium) return 1;
  return 0;
}
