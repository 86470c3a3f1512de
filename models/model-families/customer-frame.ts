import {
  fitBtydModels,
  loadBtydSummaries,
  predictBtyd,
  type BtydModels,
  type BtydPredictions,
} from '../btyd-predictor/index.js';
import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { appendFeatureColumns } from '../features/append-feature-columns.js';
import { computeFeatures } from '../features/compute-features.js';
import type { FeatureFrame, FeatureVocabulary } from '../features/feature-frame.js';
import { btydFeatureColumns } from './btyd-feature-columns.js';

/** Everything known about the customers as of one cut-off: BTYD fit and predictions, and network features. */
export interface CustomerFrame {
  asOf: string;
  btydModels: BtydModels;
  btyd: BtydPredictions;
  /** computeFeatures' columns followed by the BTYD outputs as features. */
  features: FeatureFrame;
}

/** Fits BG/NBD + Gamma-Gamma on the orders up to `asOf` and builds the network's features from the same history. */
export async function buildCustomerFrame(
  db: DuckDbSession,
  asOf: string,
  horizonDays: number,
  vocabulary: FeatureVocabulary,
): Promise<CustomerFrame> {
  const summaries = await loadBtydSummaries(db, asOf);
  const btydModels = fitBtydModels(summaries);
  const btyd = predictBtyd(btydModels, summaries, horizonDays);
  const { frame } = await computeFeatures(db, asOf, vocabulary);
  return { asOf, btydModels, btyd, features: appendFeatureColumns(frame, btydFeatureColumns(btyd)) };
}
