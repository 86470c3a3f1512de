import {
  fitBtydModels,
  btydSummariesOf,
  predictBtyd,
  sampleSummaries,
  type BtydModels,
  type BtydPredictions,
} from '../../btyd-predictor/index.js';
import type { DuckDbSession } from '../../duckdb/duckdb-session.js';
import { appendFeatureColumns } from '../../features/append-feature-columns.js';
import { featuresOf } from '../../features/compute-features.js';
import type { FeatureFrame, FeatureVocabulary } from '../../features/feature-frame.js';
import { customerHistories, loadPurchaseHistory, type PurchaseHistory } from '../../features/purchase-history.js';
import { btydFeatureColumns } from './btyd-feature-columns.js';
import { FamilyInputError } from '../errors.js';

/** Everything known about the customers as of one cut-off: BTYD fit and predictions, and network features. */
export interface CustomerFrame {
  asOf: string;
  btydModels: BtydModels;
  btyd: BtydPredictions;
  /** computeFeatures' columns alone: what a model without BTYD inputs (the gradient-boosting baseline) sees. */
  base: FeatureFrame;
  /** computeFeatures' columns followed by the BTYD outputs as features. */
  features: FeatureFrame;
}

/**
 * Builds the network's features from the orders up to `asOf`, with BG/NBD + Gamma-Gamma outputs
 * appended. The BTYD models are fitted on that history (on a seeded sample of at most
 * MAX_FIT_CUSTOMERS customers) unless fitted models are given, as when a stored model scores.
 * Pass the purchase history to share one read of the orders between cut-offs.
 */
export async function buildCustomerFrame(
  db: DuckDbSession,
  asOf: string,
  horizonDays: number,
  vocabulary: FeatureVocabulary,
  fitted?: BtydModels,
  history?: PurchaseHistory,
): Promise<CustomerFrame> {
  const customers = customerHistories(history ?? (await loadPurchaseHistory(db)), asOf);
  const summaries = btydSummariesOf(customers);
  const btydModels = fitted ?? fitBtydModels(sampleSummaries(summaries));
  const btyd = predictBtyd(btydModels, summaries, horizonDays);
  const frame = await featuresOf(db, customers, vocabulary);
  // Both follow the history's customer order; every consumer relies on row i meaning the same customer.
  const sameCustomers = btyd.customerIds === frame.customerIds || (btyd.customerIds.length === frame.customerIds.length && btyd.customerIds.every((id, i) => id === frame.customerIds[i]));
  if (!sameCustomers) {
    throw new FamilyInputError(`BTYD summaries and features as of ${asOf} cover different customers.`);
  }
  return { asOf, btydModels, btyd, base: frame, features: appendFeatureColumns(frame, btydFeatureColumns(btyd)) };
}
