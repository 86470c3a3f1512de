import type { HoldoutMetrics } from '../evaluation/index.js';

export type ModelFamily = 'btyd' | 'ziln' | 'blend';

export const FAMILY_NAMES: Record<ModelFamily, string> = {
  btyd: 'BG/NBD + Gamma-Gamma',
  ziln: 'ZILN network ensemble (with BTYD features)',
  blend: 'blend: equal-weight average of the ZILN ensemble and calibrated BG/NBD + Gamma-Gamma',
};

export interface FamilyChoice {
  family: ModelFamily;
  reason: string;
  /** Mean relative discrimination loss on the validation window, BTYD = 1 (lower is better). */
  scores: Partial<Record<ModelFamily, number>>;
}

/** Mean of (1 - AUC) and (1 - Gini) relative to the reference's: below 1 ranks customers better. */
export function relativeDiscriminationLoss(metrics: HoldoutMetrics, reference: HoldoutMetrics): number {
  const ratio = (loss: number, referenceLoss: number) => (referenceLoss > 0 ? loss / referenceLoss : 1);
  const parts = [ratio(1 - metrics.churnAuc, 1 - reference.churnAuc), ratio(1 - metrics.clvNormalizedGini, 1 - reference.clvNormalizedGini)];
  const finite = parts.filter(Number.isFinite);
  return finite.length === parts.length ? (finite[0]! + finite[1]!) / 2 : Number.POSITIVE_INFINITY;
}

/** True when `a` is at least as good as `b` on all four goal metrics. */
const dominates = (a: HoldoutMetrics, b: HoldoutMetrics): boolean =>
  a.churnAuc >= b.churnAuc && a.churnBrier <= b.churnBrier && a.clvNormalizedGini >= b.clvNormalizedGini && a.clvDecileMape <= b.clvDecileMape;

/**
 * Picks the family from the validation window. Ranking (AUC, Gini) carries over from one window
 * to the next; the level of purchases and spend drifts between windows (seasons, growth), and
 * the network, trained on a single window, inherits that window's level. So the blend, which
 * hedges the network's level with BG/NBD's whole-history level, is used when it ranks better than
 * BG/NBD + Gamma-Gamma; the network alone only when it beats the blend on all four metrics.
 */
export function chooseFamily(validation: Partial<Record<ModelFamily, HoldoutMetrics>>, networkUnavailable?: string): FamilyChoice {
  const { btyd, ziln, blend } = validation;
  if (!btyd || !ziln || !blend || networkUnavailable) {
    return { family: 'btyd', reason: networkUnavailable ? `no network: ${networkUnavailable}` : 'the network could not be validated', scores: {} };
  }
  const scores = { btyd: 1, ziln: relativeDiscriminationLoss(ziln, btyd), blend: relativeDiscriminationLoss(blend, btyd) };
  const summary = `relative ranking loss on the validation window: blend ${scores.blend.toFixed(3)}, network ${scores.ziln.toFixed(3)}, BTYD 1`;
  if (!(scores.blend < 1)) {
    return { family: 'btyd', reason: `the blend did not rank customers better than BG/NBD + Gamma-Gamma (${summary})`, scores };
  }
  if (dominates(ziln, blend)) {
    return { family: 'ziln', reason: `the network beat the blend on AUC, Brier, Gini and decile MAPE (${summary})`, scores };
  }
  return { family: 'blend', reason: `the blend ranks customers better than BG/NBD + Gamma-Gamma and the network alone does not beat it on every metric (${summary})`, scores };
}
