import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { addDays, computeFeatures, dataFingerprint, orderDateRange, spendInWindow } from '../features/index.js';
import { holdoutMetrics } from './holdout-metrics.js';
import { CHURN_CLV_MODEL, type ChurnClvModelMetadata } from './model-metadata.js';
import { scoreWithNetwork } from './score-with-network.js';
import { inHoldout } from './stable-hash.js';
import { initTensorflow } from './tensorflow-backend.js';
import { trainZilnNetwork, type TrainZilnOptions } from './train-ziln-network.js';
import type * as tf from '@tensorflow/tfjs';

export interface TrainChurnClvInput {
  asOf: string;
  horizonDays: number;
  seed?: number;
  holdoutFraction?: number;
  network?: TrainZilnOptions;
}

export class InsufficientHistoryError extends Error {
  override readonly name = 'InsufficientHistoryError';
}

const MIN_TRAINING_CUSTOMERS = 50;

/**
 * Self-labelling: features as of `asOf - horizon`, labels from what each customer spent in
 * `(asOf - horizon, asOf]`. A fixed share of customers is held out for the reported metrics.
 */
export async function trainChurnClvModel(
  db: DuckDbSession,
  input: TrainChurnClvInput,
): Promise<{ network: tf.LayersModel; metadata: ChurnClvModelMetadata }> {
  const started = Date.now();
  const seed = input.seed ?? 7;
  const backend = await initTensorflow();
  const cutoff = addDays(input.asOf, -input.horizonDays);
  const range = await orderDateRange(db);
  if (!range || range.first >= cutoff) {
    throw new InsufficientHistoryError(
      `Training needs orders before ${cutoff} (as-of ${input.asOf} minus the ${input.horizonDays}-day horizon); ` +
        (range ? `the first order is on ${range.first}.` : 'there are no orders.'),
    );
  }
  const { frame, vocabulary } = await computeFeatures(db, cutoff);
  const spend = await spendInWindow(db, cutoff, input.asOf);
  const width = frame.featureNames.length;
  const holdout = frame.customerIds.map((id) => inHoldout(id, input.holdoutFraction ?? 0.2, seed));
  const split = (keep: boolean) => frame.customerIds.map((_, i) => i).filter((i) => holdout[i] === keep);
  const [trainRows, testRows] = [split(false), split(true)];
  if (trainRows.length < MIN_TRAINING_CUSTOMERS) {
    throw new InsufficientHistoryError(`Only ${trainRows.length} customers had orders before ${cutoff}; at least ${MIN_TRAINING_CUSTOMERS} are needed.`);
  }
  const pick = (rows: number[]) => {
    const x = new Float32Array(rows.length * width);
    rows.forEach((row, i) => x.set(frame.values.subarray(row * width, (row + 1) * width), i * width));
    return { x, y: Float32Array.from(rows, (row) => spend.get(frame.customerIds[row]!) ?? 0) };
  };
  const train = pick(trainRows);
  const test = pick(testRows);
  const trained = await trainZilnNetwork(train.x, width, train.y, { seed, ...input.network });
  const scores = scoreWithNetwork(trained.model, trained.standardizer, test.x, width);
  const fingerprint = await dataFingerprint(db);
  const metadata: ChurnClvModelMetadata = {
    model: CHURN_CLV_MODEL,
    version: `${input.asOf.replaceAll('-', '')}-${fingerprint.slice(0, 8)}-s${seed}`,
    family: 'ziln-network',
    createdAt: new Date().toISOString(),
    trainingCutoff: cutoff,
    labelEnd: input.asOf,
    horizonDays: input.horizonDays,
    featureNames: frame.featureNames,
    vocabulary,
    standardizer: trained.standardizer,
    training: {
      rows: trainRows.length,
      epochs: trained.epochs,
      validationLoss: trained.bestValidationLoss,
      backend,
      seed,
      seconds: (Date.now() - started) / 1000,
    },
    holdout: holdoutMetrics(Array.from(scores.churnProbability), Array.from(scores.expectedSpend), Array.from(test.y)),
    dataFingerprint: fingerprint,
  };
  return { network: trained.model, metadata };
}
