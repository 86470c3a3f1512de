import path from 'node:path';
import type { DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import { createExtractViews, type CleanExtractFiles, type OverlapCounts } from '../../models/features/index.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import type { ManifestEntry, UploadManifest } from '../ingest/upload-manifest.js';

export interface LoadedData {
  orders: number;
  customers: number;
  prospects: number;
  files: number;
  bytes: number;
  /** Current uploads not read because another holds the same content. */
  duplicateUploads: { key: string; sameContentAs: string }[];
  /** Order rows present in more than one upload, read once. */
  overlappingOrderRows: OverlapCounts;
}

/**
 * The data set of a run: the current version of every accepted upload in the manifest (never a
 * listing of `clean/`, which also holds superseded versions), each distinct content once, downloaded
 * to the workspace and exposed as DuckDB tables in upload order.
 */
export async function loadCleanData(store: S3ObjectStore, manifest: UploadManifest, db: DuckDbSession, dir: string): Promise<LoadedData> {
  const { distinct, duplicateUploads } = distinctContent(await manifest.entries());
  const files: CleanExtractFiles = { orders: [], customers: [], prospects: [] };
  const sizes = await Promise.all(
    distinct.map(async (entry, i) => {
      const local = path.join(dir, `${entry.kind}-${String(i).padStart(6, '0')}.parquet`);
      const bytes = await store.download(entry.cleanKey, local);
      return { entry, local, bytes };
    }),
  );
  for (const { entry, local } of sizes) files[entry.kind].push(local);
  const overlappingOrderRows = await createExtractViews(db, files);
  const [counts] = await db.rows<{ orders: number; customers: number; prospects: number }>(`
    SELECT CAST((SELECT count(*) FROM orders) AS INTEGER) AS orders,
           CAST((SELECT count(*) FROM customers) AS INTEGER) AS customers,
           CAST((SELECT count(*) FROM prospects) AS INTEGER) AS prospects`);
  return {
    ...(counts ?? { orders: 0, customers: 0, prospects: 0 }),
    files: distinct.length,
    bytes: sizes.reduce((sum, s) => sum + s.bytes, 0),
    duplicateUploads,
    overlappingOrderRows,
  };
}

/** Entries arrive oldest first; of several holding the same content, the first accepted is read. */
export function distinctContent(entries: ManifestEntry[]) {
  const firstWith = new Map<string, ManifestEntry>();
  const duplicateUploads: LoadedData['duplicateUploads'] = [];
  for (const entry of entries) {
    const id = `${entry.kind}:${entry.contentSha256}`;
    const first = firstWith.get(id);
    if (first) duplicateUploads.push({ key: entry.key, sameContentAs: first.key });
    else firstWith.set(id, entry);
  }
  return { distinct: [...firstWith.values()], duplicateUploads };
}
