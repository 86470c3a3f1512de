import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { buildCustomerFrame, type CustomerFrame } from '../model-families/customer-frame.js';
import { predictFamilyParts, type FamilyModel } from '../model-families/family-model.js';
import { customerScores, DEFAULT_CLV_SETTINGS, type ClvSettings, type CustomerScore } from '../scoring/index.js';
import type { LoadedModel } from './model-registry.js';

/**
 * Scores every customer with an order on or before `asOf` with a stored model: its BG/NBD +
 * Gamma-Gamma parameters applied to each customer's history up to `asOf` (so recency counts
 * even when nothing was bought), then its networks and calibration (scoreFrame).
 */
export async function scoreCustomers(db: DuckDbSession, loaded: LoadedModel, asOf: string, clv: ClvSettings = DEFAULT_CLV_SETTINGS): Promise<CustomerScore[]> {
  const { parameters } = loaded.model;
  const frame = await buildCustomerFrame(db, asOf, parameters.horizonDays, parameters.vocabulary, parameters.btyd);
  return scoreFrame(loaded.model, frame, clv);
}

/**
 * Every field of CustomerScore for a frame built with the model's BTYD fit (customerScores). A
 * network's spend distribution is a lognormal with the spread measured on its training labels;
 * BG/NBD + Gamma-Gamma's is moment-matched per customer.
 */
export function scoreFrame(model: FamilyModel, frame: CustomerFrame, clv: ClvSettings = DEFAULT_CLV_SETTINGS): CustomerScore[] {
  const { parameters } = model;
  const family = predictFamilyParts(model, frame);
  return customerScores({
    horizonDays: parameters.horizonDays,
    btydModels: parameters.btyd,
    btyd: frame.btyd,
    churnProbability: family.predictions.churnProbability,
    predictedSpend: family.predictions.predictedValue,
    parts: family.parts.map(({ source, weight, predictions }) => ({
      weight,
      churnProbability: predictions.churnProbability,
      predictedSpend: predictions.predictedValue,
      sigma: source === 'ziln' ? parameters.spendLogSigma : null,
    })),
    clv,
  });
}
