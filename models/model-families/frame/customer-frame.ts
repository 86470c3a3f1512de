import {
  fitBtydModels,
  btydSummariesOf,
  predictBtyd,
  sampleSummaries,
  type BtydModels,
  type BtydPredictions,
} from '../../btyd-predictor/index.js';
import type { DuckDbSession } from '../../duckdb/duckdb-session.js';
import { featuresOf } from '../../features/compute-features.js';
import { copyRows, type FeatureFrame, type FeatureVocabulary } from '../../features/feature-frame.js';
import { customerHistories, loadPurchaseHistory, type PurchaseHistory } from '../../features/purchase-history.js';
import { btydFeatureColumns } from './btyd-feature-columns.js';
import { FamilyInputError } from '../errors.js';

/** Everything known about the customers as of one cut-off: BTYD fit and predictions, and network features. */
export interface CustomerFrame {
  asOf: string;
  btydModels: BtydModels;
  btyd: BtydPredictions;
  /** computeFeatures' columns followed by the BTYD outputs as features. */
  features: FeatureFrame;
  /** How many of the first feature columns are computeFeatures' own: what a model without BTYD inputs (the gradient-boosting baseline) sees (baseRows). */
  baseWidth: number;
}

/** A frame's features alone: what is kept of a frame once its BTYD predictions have served (a million customers' are some 80 MB). */
export type FrameFeatures = Pick<CustomerFrame, 'features' | 'baseWidth'>;

/**
 * A new row-major matrix of the frame's computeFeatures columns alone (no BTYD outputs), for the
 * given rows or all. Made on demand: the gradient-boosting baseline needs it once per fit, and a
 * stored copy per frame would hold a hundred megabytes at a million customers.
 */
export function baseRows(frame: FrameFeatures, rows?: ArrayLike<number>): Float32Array {
  const width = frame.features.featureNames.length;
  const { baseWidth } = frame;
  const { values } = frame.features;
  const count = rows ? rows.length : frame.features.customerIds.length;
  const out = new Float32Array(count * baseWidth);
  for (let i = 0; i < count; i += 1) {
    const row = rows ? rows[i]! : i;
    out.set(values.subarray(row * width, row * width + baseWidth), i * baseWidth);
  }
  return out;
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
  // Both follow the history's customer order; every consumer relies on row i meaning the same customer.
  const ids = customers.customerIds;
  const sameCustomers = btyd.customerIds === ids || (btyd.customerIds.length === ids.length && btyd.customerIds.every((id, i) => id === ids[i]));
  if (!sameCustomers) {
    throw new FamilyInputError(`BTYD summaries and features as of ${asOf} cover different customers.`);
  }
  const btydColumns = btydFeatureColumns(btyd);
  const features = await featuresOf(db, customers, vocabulary, btydColumns);
  return { asOf, btydModels, btyd, features, baseWidth: features.featureNames.length - Object.keys(btydColumns.columns).length };
}

/**
 * A sample of at most `max` of the frame's customers, the same ones for the same ids and seed
 * whatever else the data hold (a hash of each id decides), in the frame's order; the frame itself
 * when it is no larger.
 */
export function sampleFrame(frame: CustomerFrame, max: number, seed: number): CustomerFrame {
  const ids = frame.features.customerIds;
  if (ids.length <= max) return frame;
  const threshold = Math.floor((max / ids.length) * 2 ** 32);
  const rows: number[] = [];
  for (let i = 0; i < ids.length && rows.length < max; i += 1) {
    if (idHash(ids[i]!, seed) < threshold) rows.push(i);
  }
  return frameRows(frame, rows);
}

/** FNV-1a of the id's UTF-16 code units, started from the seed: a uniform 32-bit value per id. */
function idHash(id: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  // A final mix: FNV's low bits alone follow the last characters too closely for a threshold.
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d) >>> 0;
  return (hash ^ (hash >>> 12)) >>> 0;
}

/** The given rows of every per-customer array of the frame, in that order. */
function frameRows(frame: CustomerFrame, rows: readonly number[]): CustomerFrame {
  // Plain loops: Float64Array.from with a mapping function took most of a second at a million customers.
  const pick = (values: Float64Array): Float64Array => {
    const picked = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i += 1) picked[i] = values[rows[i]!]!;
    return picked;
  };
  const customerIds = rows.map((row) => frame.features.customerIds[row]!);
  const { btyd } = frame;
  const summaries = { ...btyd.summaries, customerIds, x: pick(btyd.summaries.x), tx: pick(btyd.summaries.tx), T: pick(btyd.summaries.T), mx: pick(btyd.summaries.mx), firstSpend: pick(btyd.summaries.firstSpend) };
  const features = (source: FeatureFrame): FeatureFrame => ({
    ...source,
    customerIds,
    values: copyRows(source.values, source.featureNames.length, rows),
    rfm: { recencyDays: pick(source.rfm.recencyDays), frequency: pick(source.rfm.frequency), monetary: pick(source.rfm.monetary) },
  });
  return {
    ...frame,
    btyd: {
      customerIds,
      summaries,
      probabilityAlive: pick(btyd.probabilityAlive),
      churnProbability: pick(btyd.churnProbability),
      expectedTransactions: pick(btyd.expectedTransactions),
      expectedAverageSpend: pick(btyd.expectedAverageSpend),
      expectedSpend: pick(btyd.expectedSpend),
    },
    features: features(frame.features),
  };
}
