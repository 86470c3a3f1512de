import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFormatError, ModelRegistry, scoreCustomers, trainChurnClvModel, type ArtefactStore, type LoadedModel } from '../../../models/churn-clv/index.js';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { createExtractViews } from '../../../models/features/index.js';
import { addDays } from '../../../models/features/dates.js';
import { disposeFamilyModel } from '../../../models/model-families/index.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

class MemoryStore implements ArtefactStore {
  readonly objects = new Map<string, Uint8Array>();
  async get(key: string) {
    return this.objects.get(key) ?? null;
  }
  async put(key: string, body: Uint8Array | string) {
    this.objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }
}

const data = syntheticExtracts(600, 3);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-'));
let db: DuckDbSession;
let trained: LoadedModel;

beforeAll(async () => {
  db = await openDuckDb();
  fs.writeFileSync(path.join(dir, 'orders.csv'), data.ordersCsv);
  await db.run(`COPY (SELECT customer_id, CAST(order_date AS TIMESTAMP) AS order_date, amount, order_id FROM read_csv('${dir}/orders.csv'))
    TO '${dir}/orders.parquet' (FORMAT parquet)`);
  await createExtractViews(db, { orders: [`${dir}/orders.parquet`], customers: [], prospects: [] });
  trained = await trainChurnClvModel(db, { asOf: addDays(data.lastDay, -30), horizonDays: 90, settings: { minNetworkCustomers: 100 } });
}, 180_000);
afterAll(() => {
  if (trained) disposeFamilyModel(trained.model);
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('model registry', () => {
  it('stores every network of the family with its parameters, and scores identically after loading', async () => {
    const store = new MemoryStore();
    const registry = new ModelRegistry(store);
    await registry.save(trained.model, trained.metadata);
    await registry.promote(trained.metadata.version, 'test');

    const loaded = await registry.loadCurrent();
    const later = data.lastDay;
    const before = await scoreCustomers(db, trained, later);
    const after = await scoreCustomers(db, loaded!, later);

    expect(loaded!.model.networks).toHaveLength(trained.model.networks.length);
    expect(loaded!.model.family).toBe(trained.model.family);
    expect(loaded!.model.inputs).toEqual(trained.model.inputs);
    expect(loaded!.model.parameters).toEqual(trained.model.parameters);
    expect(after).toEqual(before);
    disposeFamilyModel(loaded!.model);
  });

  it('applies the stored BG/NBD parameters to later history: recency raises churn risk without new orders', async () => {
    const [now, later] = await Promise.all([scoreCustomers(db, trained, trained.metadata.asOf), scoreCustomers(db, trained, data.lastDay)]);
    const lapsed = new Set(data.lapsed);
    const mean = (scores: typeof now) => scores.filter((s) => lapsed.has(s.customerId)).reduce((a, s) => a + s.churnProbability, 0) / lapsed.size;

    expect(later.length).toBeGreaterThanOrEqual(now.length);
    expect(mean(later)).toBeGreaterThanOrEqual(mean(now));
  });

  it('still loads a version stored in format 3 (one flat parameters object) and scores identically', async () => {
    const store = new MemoryStore();
    const registry = new ModelRegistry(store);
    const base = await registry.save(trained.model, trained.metadata);
    const { family, inputs, familyParameters, ...rest } = JSON.parse(new TextDecoder().decode(store.objects.get(`${base}metadata.json`)!));
    store.objects.set(`${base}metadata.json`, new TextEncoder().encode(JSON.stringify({ ...rest, format: 3, parameters: { family, ...inputs, ...familyParameters } })));

    const loaded = await registry.load(trained.metadata.version);

    expect(loaded.model.family).toBe(trained.model.family);
    expect(loaded.model.parameters).toEqual(trained.model.parameters);
    expect(await scoreCustomers(db, loaded, data.lastDay)).toEqual(await scoreCustomers(db, trained, data.lastDay));
    disposeFamilyModel(loaded.model);
  });

  it('refuses stored family parameters it cannot use, naming the version', async () => {
    const store = new MemoryStore();
    const registry = new ModelRegistry(store);
    const base = await registry.save(trained.model, trained.metadata);
    const stored = JSON.parse(new TextDecoder().decode(store.objects.get(`${base}metadata.json`)!));
    store.objects.set(`${base}metadata.json`, new TextEncoder().encode(JSON.stringify({ ...stored, familyParameters: {} })));

    await expect(registry.load(trained.metadata.version)).rejects.toThrow(ModelFormatError);
    await expect(registry.load(trained.metadata.version)).rejects.toThrow(new RegExp(`^Model version ${trained.metadata.version} cannot be loaded: `));
  });

  it('refuses a version stored in an older format with a clear error', async () => {
    const store = new MemoryStore();
    await store.put('models/churn-clv/versions/old/metadata.json', JSON.stringify({ model: 'churn-clv', version: 'old', family: 'ziln-network' }));

    await expect(new ModelRegistry(store).load('old')).rejects.toThrow(ModelFormatError);
  });
});
