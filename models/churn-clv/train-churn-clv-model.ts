import type * as tf from '@tensorflow/tfjs';
import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { addDays, computeFeatures, dataFingerprint, orderDateRange, selectRows } from '../features/index.js';
import { BTYD_BASELINE, btydBaselineMetrics } from './btyd-baseline.js';
import { evaluatePredictions } from './evaluate-predictions.js';
import type { EvaluationMetrics, EvaluationSplit, ModelCard } from './model-card.js';
import { CHURN_CLV_MODEL, type ChurnClvModelMetadata } from './model-metadata.js';
import { scoreWithNetwork } from './score-with-network.js';
import { inHoldout } from './stable-hash.js';
import { initTensorflow } from './tensorflow-backend.js';
import { actualSpendFor, trainOnWindow, type WindowTraining } from './train-on-window.js';
import type { TrainZilnOptions } from './train-ziln-network.js';

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

interface Evaluation {
  split: EvaluationSplit;
  metrics: EvaluationMetrics;
  baselines: Record<string, EvaluationMetrics>;
  production: WindowTraining;
}

/**
 * Self-labelling: the production model learns from features as of `asOf - horizon` and what each
 * customer spent in `(asOf - horizon, asOf]`. It is judged on a time split when history allows
 * (a twin trained one horizon earlier predicts the last horizon), else on held-out customers.
 */
export async function trainChurnClvModel(
  db: DuckDbSession,
  input: TrainChurnClvInput,
): Promise<{ network: tf.LayersModel; metadata: ChurnClvModelMetadata }> {
  const started = Date.now();
  const seed = input.seed ?? 7;
  const backend = await initTensorflow();
  const evaluationCutoff = addDays(input.asOf, -input.horizonDays);
  const range = await orderDateRange(db);
  if (!range || range.first >= evaluationCutoff) {
    throw new InsufficientHistoryError(
      `Training needs orders before ${evaluationCutoff} (as-of ${input.asOf} minus the ${input.horizonDays}-day horizon); ` +
        (range ? `the first order is on ${range.first}.` : 'there are no orders.'),
    );
  }
  const options = { seed, ...input.network };
  const trainCutoff = addDays(evaluationCutoff, -input.horizonDays);
  const evaluation =
    range.first < trainCutoff
      ? await evaluateOnTimeSplit(db, input, trainCutoff, evaluationCutoff, options)
      : await evaluateOnHeldOutCustomers(db, input, evaluationCutoff, options, input.holdoutFraction ?? 0.2);
  const { production, split, metrics, baselines } = evaluation;
  const fingerprint = await dataFingerprint(db);
  const version = `${input.asOf.replaceAll('-', '')}-${fingerprint.slice(0, 8)}-s${seed}`;
  const card: ModelCard = {
    version,
    family: 'ziln-network',
    createdAt: new Date().toISOString(),
    horizonDays: input.horizonDays,
    dataWindow: { firstOrder: range.first, lastOrder: range.last },
    split,
    metrics,
    baselines,
  };
  const { calibration: _calibration, ...holdout } = metrics;
  const metadata: ChurnClvModelMetadata = {
    model: CHURN_CLV_MODEL,
    version,
    family: 'ziln-network',
    createdAt: card.createdAt,
    trainingCutoff: evaluationCutoff,
    labelEnd: input.asOf,
    horizonDays: input.horizonDays,
    featureNames: production.frame.featureNames,
    vocabulary: production.vocabulary,
    standardizer: production.standardizer,
    training: {
      rows: split.kind === 'time' ? production.frame.customerIds.length : split.trainingCustomers,
      epochs: production.epochs,
      validationLoss: production.bestValidationLoss,
      backend,
      seed,
      seconds: (Date.now() - started) / 1000,
    },
    holdout,
    card,
    dataFingerprint: fingerprint,
  };
  return { network: production.model, metadata };
}

async function evaluateOnTimeSplit(
  db: DuckDbSession,
  input: TrainChurnClvInput,
  trainCutoff: string,
  evaluationCutoff: string,
  options: TrainZilnOptions,
): Promise<Evaluation> {
  const twin = await trainOnWindow(db, { featuresAsOf: trainCutoff, labelsUntil: evaluationCutoff }, options);
  const { frame } = await computeFeatures(db, evaluationCutoff, twin.vocabulary);
  const scores = scoreWithNetwork(twin.model, twin.standardizer, frame.values, frame.featureNames.length);
  twin.model.dispose();
  const actual = await actualSpendFor(db, frame.customerIds, evaluationCutoff, input.asOf);
  const metrics = evaluatePredictions(Array.from(scores.churnProbability), Array.from(scores.expectedSpend), actual);
  const baseline = await btydBaselineMetrics(db, { asOf: evaluationCutoff, horizonDays: input.horizonDays, customerIds: frame.customerIds, actualSpend: actual });
  const production = await trainOnWindow(
    db,
    { featuresAsOf: evaluationCutoff, labelsUntil: input.asOf, frame, vocabulary: twin.vocabulary },
    options,
  );
  return {
    split: {
      kind: 'time',
      trainFeaturesAsOf: trainCutoff,
      evaluationFeaturesAsOf: evaluationCutoff,
      evaluationLabels: { after: evaluationCutoff, until: input.asOf },
      trainingCustomers: twin.frame.customerIds.length,
      evaluationCustomers: frame.customerIds.length,
    },
    metrics,
    baselines: baseline ? { [BTYD_BASELINE]: baseline } : {},
    production,
  };
}

const MIN_TRAINING_CUSTOMERS = 50;

async function evaluateOnHeldOutCustomers(
  db: DuckDbSession,
  input: TrainChurnClvInput,
  cutoff: string,
  options: TrainZilnOptions,
  fraction: number,
): Promise<Evaluation> {
  const seed = options.seed ?? 7;
  const heldOut = (id: string) => inHoldout(id, fraction, seed);
  const production = await trainOnWindow(db, { featuresAsOf: cutoff, labelsUntil: input.asOf, rows: (id) => !heldOut(id) }, options);
  const { frame } = production;
  const trainingCustomers = frame.customerIds.filter((id) => !heldOut(id)).length;
  if (trainingCustomers < MIN_TRAINING_CUSTOMERS) {
    throw new InsufficientHistoryError(`Only ${trainingCustomers} customers had orders before ${cutoff}; at least ${MIN_TRAINING_CUSTOMERS} are needed.`);
  }
  const width = frame.featureNames.length;
  const rows = frame.customerIds.map((id, i) => (heldOut(id) ? i : -1)).filter((i) => i >= 0);
  const { values, customerIds: ids } = selectRows(frame, rows);
  const scores = scoreWithNetwork(production.model, production.standardizer, values, width);
  const actual = await actualSpendFor(db, ids, cutoff, input.asOf);
  const baseline = await btydBaselineMetrics(db, { asOf: cutoff, horizonDays: input.horizonDays, customerIds: ids, actualSpend: actual });
  return {
    split: {
      kind: 'customer-holdout',
      trainFeaturesAsOf: cutoff,
      evaluationFeaturesAsOf: cutoff,
      evaluationLabels: { after: cutoff, until: input.asOf },
      trainingCustomers,
      evaluationCustomers: ids.length,
    },
    metrics: evaluatePredictions(Array.from(scores.churnProbability), Array.from(scores.expectedSpend), actual),
    baselines: baseline ? { [BTYD_BASELINE]: baseline } : {},
    production,
  };
}
