import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { buildCustomerFrame, predictFamilyParts, type CustomerFrame, type FamilyModel } from '../model-families/index.js';
import { customerScores, DEFAULT_CLV_SETTINGS, type ClvSettings, type CustomerScore } from '../scoring/index.js';
import type { LoadedModel } from './model-registry.js';

/**
 * Scores every customer with an order on or before `asOf` with a stored model: its BG/NBD +
 * Gamma-Gamma parameters applied to each customer's history up to `asOf` (so recency counts
 * even when nothing was bought), then its family's prediction (scoreFrame).
 */
export async function scoreCustomers(db: DuckDbSession, loaded: LoadedModel, asOf: string, clv: ClvSettings = DEFAULT_CLV_SETTINGS): Promise<CustomerScore[]> {
  const { inputs } = loaded.model;
  const frame = await buildCustomerFrame(db, asOf, inputs.horizonDays, inputs.vocabulary, inputs.btyd);
  return scoreFrame(loaded.model, frame, clv);
}

/**
 * Every field of CustomerScore for a frame built with the model's BTYD fit (customerScores). A
 * network's spend distribution is a lognormal with the spread measured on its training labels;
 * BG/NBD + Gamma-Gamma's is moment-matched per customer.
 */
export function scoreFrame(model: FamilyModel, frame: CustomerFrame, clv: ClvSettings = DEFAULT_CLV_SETTINGS): CustomerScore[] {
  const { inputs } = model;
  const family = predictFamilyParts(model, frame);
  return customerScores({
    horizonDays: inputs.horizonDays,
    btydModels: inputs.btyd,
    btyd: frame.btyd,
    churnProbability: family.predictions.churnProbability,
    predictedSpend: family.predictions.predictedValue,
    parts: family.parts.map(({ weight, predictions, spendLogSigma }) => ({
      weight,
      churnProbability: predictions.churnProbability,
      predictedSpend: predictions.predictedValue,
      sigma: spendLogSigma,
    })),
    clv,
  });
}
