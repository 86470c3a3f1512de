import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { dataFingerprint, orderDateRange } from '../features/index.js';
import { loadPurchaseHistory, type PurchaseHistory } from '../features/purchase-history.js';
import { chooseVocabulary } from '../features/vocabulary.js';
import { buildModelCard, fitFamilyModel, type FamilySettings } from '../model-families/index.js';
import { CHURN_CLV_FORMAT, CHURN_CLV_MODEL, type ChurnClvModelMetadata } from './model-metadata.js';
import type { LoadedModel } from './model-registry.js';
import { initTensorflow } from '../ziln/tensorflow-backend.js';
import type { StepTimer } from '../progress/step-timer.js';
import type { TrainZilnOptions } from '../ziln/train-ziln-network.js';

export interface TrainChurnClvInput {
  asOf: string;
  horizonDays: number;
  seed?: number;
  settings?: Partial<FamilySettings>;
  network?: TrainZilnOptions;
  /** Times the fit's steps (the backtest's step names); none by default. */
  timer?: StepTimer;
}

/**
 * DuckDB's memory while the family is fitted: its tables go to the temp directory, and the frames'
 * per-customer queries (a million customers' profiles) still run in it. At a million demo
 * customers the fit peaked at 1,974 MB with 256 MB here, 1,886 MB with 128 MB and 1,757 MB with
 * 96 MB, in the same time.
 */
const FIT_DUCKDB_MEMORY_LIMIT = '96MB';

export class InsufficientHistoryError extends Error {
  override readonly name = 'InsufficientHistoryError';
}

/**
 * Trains the churn / CLV model exactly as `segments backtest` does (fitFamilyModel): the family
 * (BG/NBD + Gamma-Gamma, the ZILN ensemble with BTYD features, or their blend) is chosen on a
 * held-out time split, then refitted on all history up to `asOf`. Profile categories become
 * features here, which an orders-only backtest does not have.
 */
export async function trainChurnClvModel(db: DuckDbSession, input: TrainChurnClvInput): Promise<LoadedModel> {
  const started = performance.now();
  const seed = input.seed ?? 7;
  const backend = await initTensorflow();
  const range = await orderDateRange(db);
  if (!range || range.first > input.asOf) {
    throw new InsufficientHistoryError(`Training as of ${input.asOf} needs orders on or before that day; ${range ? `the first is on ${range.first}.` : 'there are none.'}`);
  }
  const vocabulary = await chooseVocabulary(db);
  let history: PurchaseHistory | undefined = await loadPurchaseHistory(db);
  // The fit reads nothing more of the orders than this history: DuckDB's tables make room for its
  // frames and networks. The fit lets go of the history once its frames are built; none is kept here.
  const handOver = (): PurchaseHistory => {
    const given = history!;
    history = undefined;
    return given;
  };
  const fit = await db.withMemoryLimit(FIT_DUCKDB_MEMORY_LIMIT, () =>
    fitFamilyModel(db, {
      asOf: input.asOf,
      horizonDays: input.horizonDays,
      seed,
      vocabulary,
      history: handOver(),
      ...(input.settings ? { settings: input.settings } : {}),
      ...(input.network ? { network: input.network } : {}),
      ...(input.timer ? { timer: input.timer } : {}),
    }),
  );
  const fingerprint = await dataFingerprint(db);
  const version = modelVersionId(input.asOf, fingerprint, input.horizonDays, seed);
  const card = buildModelCard(fit, { version, seed, firstOrder: range.first, started });
  const metadata: ChurnClvModelMetadata = {
    model: CHURN_CLV_MODEL,
    format: CHURN_CLV_FORMAT,
    version,
    createdAt: card.createdAt,
    asOf: input.asOf,
    horizonDays: input.horizonDays,
    training: {
      networks: fit.model.networks.length,
      trainingRows: fit.network?.trainingRows ?? 0,
      epochs: fit.network?.epochs ?? [],
      backend,
      seed,
      seconds: (performance.now() - started) / 1000,
    },
    holdout: card.metrics ? withoutCalibration(card.metrics) : null,
    card,
    dataFingerprint: fingerprint,
  };
  return { model: fit.model, metadata };
}

/**
 * `<asOf>-<data fingerprint>-h<horizon>-s<seed>`: models fitted on other data, for another horizon
 * or with another seed never share a version folder, so none overwrites another.
 */
export const modelVersionId = (asOf: string, fingerprint: string, horizonDays: number, seed: number): string =>
  `${asOf.replaceAll('-', '')}-${fingerprint.slice(0, 8)}-h${horizonDays}-s${seed}`;

const withoutCalibration = <T extends { calibration: unknown }>({ calibration: _calibration, ...rest }: T): Omit<T, 'calibration'> => rest;
