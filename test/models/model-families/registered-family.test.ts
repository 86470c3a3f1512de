import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHURN_CLV_FORMAT, CHURN_CLV_MODEL, ModelFormatError, ModelRegistry, type ArtefactStore, type ChurnClvModelMetadata } from '../../../models/churn-clv/index.js';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { createExtractViews } from '../../../models/features/index.js';
import {
  buildModelCard,
  familyById,
  FamilyArtefactError,
  fitFamilyModel,
  formatModelCard,
  MODEL_FAMILIES,
  predictWithFamilyModel,
  UnknownFamilyError,
  type FittedFamilyModel,
  type ModelCard,
  type ModelFamily,
} from '../../../models/model-families/index.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

/** A family written for this test alone: BG/NBD + Gamma-Gamma with its spend scaled by the split's level correction. */
const scaledBtydFamily: ModelFamily<{ valueScale: number }> = {
  id: 'scaled-btyd',
  name: 'BG/NBD + Gamma-Gamma, spend scaled on the split',
  cardLabel: 'BTYD, spend scaled',
  selection: { shortName: 'scaled', challenges: { incumbent: 'btyd', wins: () => true, won: 'the test family always wins', lost: 'never said' } },
  fit: async (context) => ({ parameters: { valueScale: context.btydCalibration().valueScale }, networks: [] }),
  predict(model, frame) {
    const predictions = { customerIds: frame.btyd.customerIds, churnProbability: frame.btyd.churnProbability, predictedValue: frame.btyd.expectedSpend.map((v) => v * model.parameters.valueScale) };
    return { predictions, parts: [{ source: 'scaled-btyd', weight: 1, predictions, spendLogSigma: null }] };
  },
  save: async (model) => ({ parameters: model.parameters, networks: [] }),
  async load(artefacts) {
    const { valueScale } = artefacts.parameters as { valueScale?: unknown };
    if (typeof valueScale !== 'number') throw new FamilyArtefactError('no value scale');
    return { parameters: { valueScale }, networks: [] };
  },
  cardRows: (card: ModelCard) => [`Spend scaled by ${card.calibration.valueScale.toFixed(3)}`],
};

// The one line that registers it.
const FAMILIES = [...MODEL_FAMILIES, scaledBtydFamily];

class MemoryStore implements ArtefactStore {
  readonly objects = new Map<string, Uint8Array>();
  async get(key: string) {
    return this.objects.get(key) ?? null;
  }
  async put(key: string, body: Uint8Array | string) {
    this.objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }
}

// 300 customers: the validation window holds enough, the network's training window does not.
const data = syntheticExtracts(300, 5);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registered-family-'));
let db: DuckDbSession;
let fit: FittedFamilyModel;
let card: ModelCard;

beforeAll(async () => {
  db = await openDuckDb();
  fs.writeFileSync(path.join(dir, 'orders.csv'), data.ordersCsv);
  await db.run(`COPY (SELECT customer_id, CAST(order_date AS TIMESTAMP) AS order_date, amount, order_id FROM read_csv('${dir}/orders.csv'))
    TO '${dir}/orders.parquet' (FORMAT parquet)`);
  await createExtractViews(db, { orders: [`${dir}/orders.parquet`], customers: [], prospects: [] });
  fit = await fitFamilyModel(db, { asOf: data.lastDay, horizonDays: 90, seed: 1, vocabulary: { country: [], acquisitionChannel: [] }, families: FAMILIES });
  card = buildModelCard(fit, { version: 'test', seed: 1, firstOrder: '2000-01-01', started: performance.now() });
}, 120_000);
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a family registered with one line', () => {
  it('is validated beside the built-in families and chosen by its own rule', () => {
    expect(Object.keys(fit.validated!.candidates)).toEqual(['btyd', 'scaled-btyd']);
    expect(fit.validated!.unavailable).toMatchObject({ ziln: expect.stringMatching(/^no network: /), blend: expect.stringMatching(/^no network: /) });
    expect(fit.choice.family).toBe('scaled-btyd');
    expect(fit.choice.reason).toMatch(/^the test family always wins \(relative ranking loss on the validation window: scaled \d\.\d{3}, BTYD 1\)$/);
  });

  it('is on the model card, and the card prints its rows', () => {
    const lines = formatModelCard(card, FAMILIES);

    expect(card).toMatchObject({ family: 'scaled-btyd', familyName: scaledBtydFamily.name });
    expect(card.metrics).toBe(card.candidates['scaled-btyd']);
    expect(card.calibration).toBe(fit.validated!.calibration);
    expect(lines.some((line) => line.startsWith('  BTYD, spend scaled *'))).toBe(true);
    expect(lines.at(-1)).toBe(`Spend scaled by ${fit.validated!.calibration.valueScale.toFixed(3)}`);
  });

  it('is scored and compared on a sample of the validation window when the window has more customers than maxValidationCustomers', async () => {
    const vocabulary = { country: [], acquisitionChannel: [] };
    const sampled = await fitFamilyModel(db, { asOf: data.lastDay, horizonDays: 90, seed: 1, vocabulary, families: FAMILIES, settings: { maxValidationCustomers: 150 } });
    const validated = sampled.validated!;
    const lines = formatModelCard(buildModelCard(sampled, { version: 'test', seed: 1, firstOrder: '2000-01-01', started: performance.now() }), FAMILIES);

    expect(fit.validated!.scoredCustomers).toBe(fit.validated!.frame.features.customerIds.length);
    expect(validated.frame.features.customerIds.length).toBe(fit.validated!.frame.features.customerIds.length);
    expect(validated.scoredCustomers).toBeGreaterThan(100);
    expect(validated.scoredCustomers).toBeLessThanOrEqual(150);
    expect(validated.candidates.btyd!.churnAuc).not.toBe(fit.validated!.candidates.btyd!.churnAuc);
    expect(lines).toContain(`  the families were scored and compared on a sample of ${validated.scoredCustomers} of them (chosen by a hash of their ids)`);
    expect(formatModelCard(card, FAMILIES).some((line) => line.includes('on a sample of'))).toBe(false);
  });

  it('is saved and loaded by the model registry and predicts the same after loading', async () => {
    const store = new MemoryStore();
    const metadata: ChurnClvModelMetadata = {
      model: CHURN_CLV_MODEL,
      format: CHURN_CLV_FORMAT,
      version: 'v1',
      createdAt: card.createdAt,
      asOf: data.lastDay,
      horizonDays: 90,
      training: { networks: 0, trainingRows: 0, epochs: [], backend: 'none', seed: 1, seconds: 0 },
      holdout: null,
      card,
      dataFingerprint: 'test',
    };
    await new ModelRegistry(store, 'models/', CHURN_CLV_MODEL, FAMILIES).save(fit.model, metadata);

    const loaded = await new ModelRegistry(store, 'models/', CHURN_CLV_MODEL, FAMILIES).load('v1');

    expect(loaded.model).toEqual(fit.model);
    expect(predictWithFamilyModel(loaded.model, fit.finalFrame, FAMILIES)).toEqual(predictWithFamilyModel(fit.model, fit.finalFrame, FAMILIES));
    await expect(new ModelRegistry(store).load('v1')).rejects.toThrow(ModelFormatError);
    await expect(new ModelRegistry(store).load('v1')).rejects.toThrow(/Unknown model family 'scaled-btyd'/);
  });
});

describe('the registered families', () => {
  it('have unique ids, the reference first, and every challenged incumbent registered', () => {
    const ids = MODEL_FAMILIES.map((f) => f.id);

    expect(ids).toEqual(['btyd', 'ziln', 'blend']);
    expect(MODEL_FAMILIES[0]!.selection.challenges).toBeUndefined();
    expect(MODEL_FAMILIES.flatMap((f) => (f.selection.challenges ? [f.selection.challenges.incumbent] : [])).every((id) => ids.includes(id))).toBe(true);
  });

  it('refuses an unknown id with the ids it knows', () => {
    expect(() => familyById('ziln-network')).toThrow(UnknownFamilyError);
    expect(() => familyById('ziln-network')).toThrow("Unknown model family 'ziln-network'; the registered families are 'btyd', 'ziln', 'blend'.");
  });
});
