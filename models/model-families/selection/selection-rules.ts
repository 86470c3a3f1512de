import type { HoldoutMetrics } from '../../evaluation/index.js';

/** Mean of (1 - AUC) and (1 - Gini) relative to the reference's: below 1 ranks customers better. */
export function relativeDiscriminationLoss(metrics: HoldoutMetrics, reference: HoldoutMetrics): number {
  const ratio = (loss: number, referenceLoss: number) => (referenceLoss > 0 ? loss / referenceLoss : 1);
  const parts = [ratio(1 - metrics.churnAuc, 1 - reference.churnAuc), ratio(1 - metrics.clvNormalizedGini, 1 - reference.clvNormalizedGini)];
  const finite = parts.filter(Number.isFinite);
  return finite.length === parts.length ? (finite[0]! + finite[1]!) / 2 : Number.POSITIVE_INFINITY;
}

/** The challenger ranks customers better (AUC and Gini together) than the incumbent. */
export const ranksBetter = (challenger: HoldoutMetrics, incumbent: HoldoutMetrics): boolean => relativeDiscriminationLoss(challenger, incumbent) < 1;

/** The challenger is at least as good as the incumbent on all four goal metrics. */
export const winsEveryMetric = (a: HoldoutMetrics, b: HoldoutMetrics): boolean =>
  a.churnAuc >= b.churnAuc && a.churnBrier <= b.churnBrier && a.clvNormalizedGini >= b.clvNormalizedGini && a.clvDecileMape <= b.clvDecileMape;
