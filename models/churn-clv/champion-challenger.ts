import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { spendInWindow } from '../features/index.js';
import { buildCustomerFrame, FamilyInputError, predictionMetrics, predictWithFamilyModel, type EvaluationMetrics } from '../model-families/index.js';
import type { ChurnClvModelMetadata } from './model-metadata.js';
import type { LoadedModel } from './model-registry.js';

/** Differences smaller than this are noise on a few thousand customers, not a worse model. */
export const PROMOTION_TOLERANCE = 0.002;

export interface PromotionDecision {
  promote: boolean;
  reason: string;
  champion: { version: string; metrics: EvaluationMetrics } | null;
}

const f = (value: number) => value.toFixed(3);

/**
 * Scores the current model (champion) on the new model's (challenger's) held-out time split and
 * promotes the challenger only when it is not worse on churn AUC and on CLV Gini.
 */
export async function decidePromotion(db: DuckDbSession, challenger: ChurnClvModelMetadata, champion: LoadedModel | null): Promise<PromotionDecision> {
  if (!champion) return { promote: true, reason: 'no current model', champion: null };
  const current = champion.metadata;
  if (current.version === challenger.version) return { promote: true, reason: 'same version retrained', champion: null };
  const { split, metrics: next } = challenger.card;
  if (!split || !next) {
    return { promote: true, reason: `no held-out split to compare on (${challenger.card.reason}); the model fitted on newer data replaces ${current.version}`, champion: null };
  }
  if (current.horizonDays !== challenger.horizonDays) {
    return { promote: true, reason: `the horizon changed from ${current.horizonDays} to ${challenger.horizonDays} days`, champion: null };
  }
  const { inputs } = champion.model;
  const frame = await buildCustomerFrame(db, split.evaluationFeaturesAsOf, inputs.horizonDays, inputs.vocabulary, inputs.btyd);
  let predictions;
  try {
    predictions = predictWithFamilyModel(champion.model, frame);
  } catch (error) {
    if (!(error instanceof FamilyInputError)) throw error;
    return { promote: true, reason: `current model ${current.version} cannot score this data any more (${error.message})`, champion: null };
  }
  const metrics = predictionMetrics(predictions, await spendInWindow(db, split.evaluationLabels.after, split.evaluationLabels.until));
  const notWorse = (a: number, b: number) => !(a < b - PROMOTION_TOLERANCE);
  const promote = notWorse(next.churnAuc, metrics.churnAuc) && notWorse(next.clvNormalizedGini, metrics.clvNormalizedGini);
  const sawWindow = current.asOf > split.evaluationFeaturesAsOf ? `; the current model was fitted on orders up to ${current.asOf}, inside that window, which favours it` : '';
  const comparison = `churn AUC ${f(next.churnAuc)} vs ${f(metrics.churnAuc)}, CLV Gini ${f(next.clvNormalizedGini)} vs ${f(metrics.clvNormalizedGini)} on (${split.evaluationLabels.after}, ${split.evaluationLabels.until}]${sawWindow}`;
  return {
    promote,
    reason: promote ? `not worse than current model ${current.version}: ${comparison}` : `worse than current model ${current.version}, which stays: ${comparison}`,
    champion: { version: current.version, metrics },
  };
}
