import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { computeFeatures, selectRows, spendInWindow, type FeatureFrame, type FeatureVocabulary } from '../features/index.js';
import { trainZilnNetwork, type TrainedZilnNetwork, type TrainZilnOptions } from './train-ziln-network.js';

export interface WindowTraining extends TrainedZilnNetwork {
  frame: FeatureFrame;
  vocabulary: FeatureVocabulary;
}

/** Trains on features as of `featuresAsOf` and each customer's spend in (featuresAsOf, labelsUntil]. */
export async function trainOnWindow(
  db: DuckDbSession,
  window: { featuresAsOf: string; labelsUntil: string; vocabulary?: FeatureVocabulary; rows?: (customerId: string) => boolean },
  options: TrainZilnOptions,
): Promise<WindowTraining> {
  const { frame, vocabulary } = await computeFeatures(db, window.featuresAsOf, window.vocabulary);
  const spend = await spendInWindow(db, window.featuresAsOf, window.labelsUntil);
  const width = frame.featureNames.length;
  const rows = frame.customerIds.map((_, i) => i).filter((i) => window.rows?.(frame.customerIds[i]!) ?? true);
  const selected = selectRows(frame, rows);
  const y = Float32Array.from(selected.customerIds, (id) => spend.get(id) ?? 0);
  const trained = await trainZilnNetwork(selected.values, width, y, options);
  return { ...trained, frame, vocabulary };
}

/** Actual spend in (after, until] for each customer of a frame, in frame order. */
export async function actualSpendFor(db: DuckDbSession, customerIds: string[], after: string, until: string): Promise<number[]> {
  const spend = await spendInWindow(db, after, until);
  return customerIds.map((id) => spend.get(id) ?? 0);
}
