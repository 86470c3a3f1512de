import path from 'node:path';
import type { DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import { createExtractViews, type CleanExtractFiles } from '../../models/features/index.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { EXTRACT_KINDS, PREFIXES } from '../shared/storage-layout.js';

export interface LoadedData {
  orders: number;
  customers: number;
  prospects: number;
  files: number;
  bytes: number;
}

/** Downloads every clean extract to the workspace and exposes them as DuckDB tables. */
export async function loadCleanData(store: S3ObjectStore, db: DuckDbSession, dir: string): Promise<LoadedData> {
  const files: CleanExtractFiles = { orders: [], customers: [], prospects: [] };
  let bytes = 0;
  for (const kind of EXTRACT_KINDS) {
    const objects = (await store.list(`${PREFIXES.clean}${kind}/`)).filter((o) => o.key.endsWith('.parquet'));
    await Promise.all(
      objects.map(async (object, i) => {
        const local = path.join(dir, `${kind}-${String(i).padStart(5, '0')}-${path.basename(object.key)}`);
        bytes += await store.download(object.key, local);
        files[kind][i] = local;
      }),
    );
  }
  await createExtractViews(db, files);
  const [counts] = await db.rows<{ orders: number; customers: number; prospects: number }>(`
    SELECT CAST((SELECT count(*) FROM orders) AS INTEGER) AS orders,
           CAST((SELECT count(*) FROM customers) AS INTEGER) AS customers,
           CAST((SELECT count(*) FROM prospects) AS INTEGER) AS prospects`);
  return { ...(counts ?? { orders: 0, customers: 0, prospects: 0 }), files: files.orders.length + files.customers.length + files.prospects.length, bytes };
}
