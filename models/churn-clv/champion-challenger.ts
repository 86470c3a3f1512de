import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { computeFeatures, selectRows } from '../features/index.js';
import { evaluatePredictions } from './evaluate-predictions.js';
import type { EvaluationMetrics } from './model-card.js';
import type { ChurnClvModelMetadata } from './model-metadata.js';
import type { LoadedModel } from './model-registry.js';
import { scoreWithNetwork } from './score-with-network.js';
import { inHoldout } from './stable-hash.js';
import { actualSpendFor } from './train-on-window.js';

/** Differences smaller than this are noise on a few thousand customers, not a worse model. */
export const PROMOTION_TOLERANCE = 0.002;

export interface PromotionDecision {
  promote: boolean;
  reason: string;
  champion: { version: string; metrics: EvaluationMetrics } | null;
}

const f = (value: number) => value.toFixed(3);

/**
 * Scores the current model (champion) on the new model's (challenger's) evaluation split and
 * promotes the challenger only when it is not worse on churn AUC and on CLV Gini.
 */
export async function decidePromotion(
  db: DuckDbSession,
  challenger: ChurnClvModelMetadata,
  champion: LoadedModel | null,
): Promise<PromotionDecision> {
  if (!champion) return { promote: true, reason: 'no current model', champion: null };
  if (champion.metadata.version === challenger.version) return { promote: true, reason: 'same version retrained', champion: null };
  const split = challenger.card.split;
  const { frame } = await computeFeatures(db, split.evaluationFeaturesAsOf, champion.metadata.vocabulary);
  if (frame.featureNames.join() !== champion.metadata.featureNames.join()) {
    return { promote: true, reason: `current model ${champion.metadata.version} uses a feature set this version no longer computes`, champion: null };
  }
  const width = frame.featureNames.length;
  const keep = frame.customerIds.map((id, i) => (split.kind === 'time' || inHoldout(id, 0.2, challenger.training.seed) ? i : -1)).filter((i) => i >= 0);
  const { values, customerIds: ids } = selectRows(frame, keep);
  const scores = scoreWithNetwork(champion.network, champion.metadata.standardizer, values, width);
  const actual = await actualSpendFor(db, ids, split.evaluationLabels.after, split.evaluationLabels.until);
  const metrics = evaluatePredictions(Array.from(scores.churnProbability), Array.from(scores.expectedSpend), actual);
  const next = challenger.card.metrics;
  const notWorse = (a: number, b: number) => !(a < b - PROMOTION_TOLERANCE);
  const promote = notWorse(next.churnAuc, metrics.churnAuc) && notWorse(next.clvNormalizedGini, metrics.clvNormalizedGini);
  const comparison = `churn AUC ${f(next.churnAuc)} vs ${f(metrics.churnAuc)}, CLV Gini ${f(next.clvNormalizedGini)} vs ${f(metrics.clvNormalizedGini)} on the same split`;
  return {
    promote,
    reason: promote
      ? `not worse than current model ${champion.metadata.version}: ${comparison}`
      : `worse than current model ${champion.metadata.version}, which stays: ${comparison}`,
    champion: { version: champion.metadata.version, metrics },
  };
}
