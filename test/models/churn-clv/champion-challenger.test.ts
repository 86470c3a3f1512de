import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decidePromotion, trainChurnClvModel, type ChurnClvModelMetadata, type EvaluationMetrics, type LoadedModel } from '../../../models/churn-clv/index.js';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { createExtractViews } from '../../../models/features/index.js';
import { disposeFamilyModel } from '../../../models/model-families/index.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const data = syntheticExtracts(600);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-'));
let db: DuckDbSession;
let champion: LoadedModel;

beforeAll(async () => {
  db = await openDuckDb();
  fs.writeFileSync(path.join(dir, 'orders.csv'), data.ordersCsv);
  fs.writeFileSync(path.join(dir, 'customers.csv'), data.customersCsv);
  await db.run(`COPY (SELECT customer_id, CAST(order_date AS TIMESTAMP) AS order_date, amount, order_id FROM read_csv('${dir}/orders.csv'))
    TO '${dir}/orders.parquet' (FORMAT parquet)`);
  await db.run(`COPY (SELECT * FROM read_csv('${dir}/customers.csv')) TO '${dir}/customers.parquet' (FORMAT parquet)`);
  await createExtractViews(db, { orders: [`${dir}/orders.parquet`], customers: [`${dir}/customers.parquet`], prospects: [] });
  champion = await trainChurnClvModel(db, { asOf: data.lastDay, horizonDays: 90 });
}, 180_000);
afterAll(() => {
  if (champion) disposeFamilyModel(champion.model);
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The champion's own metadata under another version, with the given metrics on its split. */
const challengerWith = (metrics: EvaluationMetrics): ChurnClvModelMetadata => ({
  ...champion.metadata,
  version: `${champion.metadata.version}-challenger`,
  card: { ...champion.metadata.card, metrics },
});

describe('model card', () => {
  it('chooses a family on a held-out time split and reports both baselines on that split', () => {
    const { card } = champion.metadata;

    expect(card.split).toMatchObject({ kind: 'time', evaluationLabels: { until: data.lastDay } });
    expect(card.split!.trainFeaturesAsOf < card.split!.evaluationFeaturesAsOf).toBe(true);
    expect(card.metrics).toBe(card.candidates[card.family]);
    expect(card.metrics!.churnAuc).toBeGreaterThan(0.8);
    expect(card.metrics!.calibration).toHaveLength(10);
    expect(card.baselines['bg-nbd+gamma-gamma']?.customers).toBe(card.split!.evaluationCustomers);
    expect(card.baselines['gradient-boosting']?.customers).toBe(card.split!.evaluationCustomers);
    expect(card.reason.length).toBeGreaterThan(10);
  });

  it('uses profile categories as features', () => {
    expect(champion.model.inputs.vocabulary.acquisitionChannel).toEqual(expect.arrayContaining(['referral', 'paid_social']));
  });

  it('falls back to uncalibrated BG/NBD + Gamma-Gamma, without a split, when history is shorter than one horizon', async () => {
    const trained = await trainChurnClvModel(db, { asOf: data.lastDay, horizonDays: 720 });

    expect(trained.model.family).toBe('btyd');
    expect(trained.metadata.card.split).toBeNull();
    expect(trained.metadata.holdout).toBeNull();
    expect(trained.model.networks).toHaveLength(0);
    expect(trained.metadata.card.reason).toMatch(/^too little data to validate \(validation window .*: only \d+ customers \(at least 200 needed\)\)/);
  }, 120_000);
});

describe('champion / challenger', () => {
  it('promotes the first model', async () => {
    const decision = await decidePromotion(db, champion.metadata, null);

    expect(decision).toMatchObject({ promote: true, reason: 'no current model' });
  });

  it('keeps the current model when the challenger is worse on the same split', async () => {
    const worse = { ...champion.metadata.card.metrics!, churnAuc: 0.55, clvNormalizedGini: 0.1 };

    const decision = await decidePromotion(db, challengerWith(worse), champion);

    expect(decision.promote).toBe(false);
    expect(decision.reason).toMatch(/^worse than current model/);
    expect(decision.champion?.metrics.churnAuc).toBeGreaterThan(0.8);
  }, 60_000);

  it('promotes a challenger that is not worse than the current model scored on the same split', async () => {
    const probe = await decidePromotion(db, challengerWith({ ...champion.metadata.card.metrics!, churnAuc: 0, clvNormalizedGini: 0 }), champion);
    const equal = probe.champion!.metrics;

    const decision = await decidePromotion(db, challengerWith(equal), champion);

    expect(decision.promote).toBe(true);
    expect(decision.reason).toMatch(/^not worse than current model/);
  }, 60_000);

  it('replaces the current model when the challenger has no split to compare on', async () => {
    const challenger = { ...challengerWith(champion.metadata.card.metrics!), card: { ...champion.metadata.card, split: null, metrics: null } };

    const decision = await decidePromotion(db, challenger, champion);

    expect(decision.promote).toBe(true);
    expect(decision.reason).toMatch(/no held-out split/);
  });
});
