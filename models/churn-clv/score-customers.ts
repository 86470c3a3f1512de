import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { buildCustomerFrame } from '../model-families/customer-frame.js';
import { predictWithFamilyModel } from '../model-families/family-model.js';
import type { CustomerScore } from '../scoring/customer-score.js';
import type { LoadedModel } from './model-registry.js';

/**
 * Scores every customer with an order on or before `asOf` with a stored model: its BG/NBD +
 * Gamma-Gamma parameters applied to each customer's history up to `asOf` (so recency counts
 * even when nothing was bought), then its networks and calibration.
 */
export async function scoreCustomers(db: DuckDbSession, loaded: LoadedModel, asOf: string): Promise<CustomerScore[]> {
  const { parameters } = loaded.model;
  const frame = await buildCustomerFrame(db, asOf, parameters.horizonDays, parameters.vocabulary, parameters.btyd);
  const predictions = predictWithFamilyModel(loaded.model, frame);
  const { customerIds, rfm } = frame.base;
  return customerIds.map((customerId, i) => ({
    customerId,
    churnProbability: predictions.churnProbability[i]!,
    predictedClv: predictions.predictedValue[i]!,
    recencyDays: rfm.recencyDays[i]!,
    frequency: rfm.frequency[i]!,
    monetary: rfm.monetary[i]!,
  }));
}
