import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { computeFeatures, selectRows, spendInWindow, type FeatureFrame, type FeatureVocabulary } from '../features/index.js';
import { subsampleRows } from './subsample-rows.js';
import { trainZilnNetwork, type TrainedZilnNetwork, type TrainZilnOptions } from './train-ziln-network.js';

/** Training rows per network at most (a seeded random subset beyond that). */
export const MAX_TRAINING_ROWS = 50_000;

export interface WindowTraining extends TrainedZilnNetwork {
  frame: FeatureFrame;
  vocabulary: FeatureVocabulary;
}

/** Trains on features as of `featuresAsOf` and each customer's spend in (featuresAsOf, labelsUntil]. */
export async function trainOnWindow(
  db: DuckDbSession,
  window: {
    featuresAsOf: string;
    labelsUntil: string;
    vocabulary?: FeatureVocabulary;
    /** Features already computed as of `featuresAsOf` with `vocabulary`, to avoid a second pass. */
    frame?: FeatureFrame;
    rows?: (customerId: string) => boolean;
    maxRows?: number;
  },
  options: TrainZilnOptions,
): Promise<WindowTraining> {
  const { frame, vocabulary } =
    window.frame && window.vocabulary
      ? { frame: window.frame, vocabulary: window.vocabulary }
      : await computeFeatures(db, window.featuresAsOf, window.vocabulary);
  const spend = await spendInWindow(db, window.featuresAsOf, window.labelsUntil);
  const width = frame.featureNames.length;
  const rows = frame.customerIds.map((_, i) => i).filter((i) => window.rows?.(frame.customerIds[i]!) ?? true);
  const selected = selectRows(frame, rows);
  const y = Float32Array.from(selected.customerIds, (id) => spend.get(id) ?? 0);
  // A 64-32 network learns little more from millions of rows than from tens of thousands; the cap
  // keeps training time bounded however large the customer base grows.
  const sample = subsampleRows(selected.values, y, width, window.maxRows ?? MAX_TRAINING_ROWS, options.seed ?? 7);
  const trained = await trainZilnNetwork(sample.values, width, sample.spend, options);
  return { ...trained, frame, vocabulary };
}

/** Actual spend in (after, until] for each customer of a frame, in frame order. */
export async function actualSpendFor(db: DuckDbSession, customerIds: string[], after: string, until: string): Promise<number[]> {
  const spend = await spendInWindow(db, after, until);
  return customerIds.map((id) => spend.get(id) ?? 0);
}
