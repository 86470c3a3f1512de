import { gunzipSync, gzipSync } from 'node:zlib';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { PREFIXES } from '../shared/storage-layout.js';

export const ASSIGNMENTS_KEY = `${PREFIXES.state}segment-assignments.json.gz`;

/** The memberships the table holds after the last run; the next run diffs against it. */
export async function readAssignments(store: S3ObjectStore): Promise<Map<string, string[]>> {
  const bytes = await store.get(ASSIGNMENTS_KEY);
  if (!bytes) return new Map();
  return new Map(Object.entries(JSON.parse(gunzipSync(bytes).toString()) as Record<string, string[]>));
}

export async function writeAssignments(store: S3ObjectStore, memberships: ReadonlyMap<string, string[]>): Promise<void> {
  const body = gzipSync(JSON.stringify(Object.fromEntries(memberships)));
  await store.put(ASSIGNMENTS_KEY, body, 'application/gzip');
}
