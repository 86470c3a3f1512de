import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decidePromotion, trainChurnClvModel, type LoadedModel } from '../../../models/churn-clv/index.js';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { createExtractViews } from '../../../models/features/index.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const data = syntheticExtracts(600);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-'));
let db: DuckDbSession;
let champion: LoadedModel;

beforeAll(async () => {
  db = await openDuckDb();
  fs.writeFileSync(path.join(dir, 'orders.csv'), data.ordersCsv);
  await db.run(`COPY (SELECT customer_id, CAST(order_date AS TIMESTAMP) AS order_date, amount, order_id FROM read_csv('${dir}/orders.csv'))
    TO '${dir}/orders.parquet' (FORMAT parquet)`);
  await createExtractViews(db, { orders: [`${dir}/orders.parquet`], customers: [], prospects: [] });
  const trained = await trainChurnClvModel(db, { asOf: data.lastDay, horizonDays: 90 });
  champion = { network: trained.network, metadata: trained.metadata };
}, 120_000);
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('model card', () => {
  it('judges the model on a time split and reports the BG/NBD + Gamma-Gamma baseline on it', () => {
    const card = champion.metadata.card;

    expect(card.split).toMatchObject({ kind: 'time', evaluationLabels: { until: data.lastDay } });
    expect(card.split.trainFeaturesAsOf < card.split.evaluationFeaturesAsOf).toBe(true);
    expect(card.metrics.churnAuc).toBeGreaterThan(0.8);
    expect(card.metrics.calibration).toHaveLength(10);
    expect(card.baselines['bg-nbd+gamma-gamma']?.churnAuc).toBeGreaterThan(0.5);
  });

  it('falls back to held-out customers when history is shorter than two horizons', async () => {
    const trained = await trainChurnClvModel(db, { asOf: data.lastDay, horizonDays: 400 });

    expect(trained.metadata.card.split.kind).toBe('customer-holdout');
    expect(trained.metadata.card.split.evaluationCustomers).toBeGreaterThan(50);
  }, 120_000);
});

describe('champion / challenger', () => {
  it('promotes the first model', async () => {
    const decision = await decidePromotion(db, champion.metadata, null);

    expect(decision).toMatchObject({ promote: true, reason: 'no current model' });
  });

  it('keeps the current model when the challenger is worse on the same split', async () => {
    const weak = await trainChurnClvModel(db, { asOf: data.lastDay, horizonDays: 90, seed: 11, network: { maxEpochs: 1, learningRate: 1e-6 } });

    const decision = await decidePromotion(db, weak.metadata, champion);

    expect(decision.promote).toBe(false);
    expect(decision.reason).toMatch(/^worse than current model/);
    expect(decision.champion?.metrics.churnAuc).toBeGreaterThan(weak.metadata.card.metrics.churnAuc);
  }, 120_000);

  it('promotes a challenger that is not worse', async () => {
    const weakChampion = await trainChurnClvModel(db, { asOf: data.lastDay, horizonDays: 90, seed: 12, network: { maxEpochs: 1, learningRate: 1e-6 } });
    const current: LoadedModel = { network: weakChampion.network, metadata: weakChampion.metadata };

    const decision = await decidePromotion(db, champion.metadata, current);

    expect(decision.promote).toBe(true);
    expect(decision.reason).toMatch(/^not worse than current model/);
  }, 120_000);
});
