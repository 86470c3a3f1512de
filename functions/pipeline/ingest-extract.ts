import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import {
  EXTRACT_SCHEMAS,
  ExtractRejectedError,
  detectFormat,
  fileExtension,
  validateExtract,
  type ExtractReport,
} from '../../models/extracts/index.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { EXTRACT_KINDS, PREFIXES, derivedKeys, type ExtractKind } from '../shared/storage-layout.js';
import { readColumnMapping } from './column-mapping-config.js';
import { withWorkspace } from './workspace.js';

export type IngestOutcome =
  | { status: 'accepted'; key: string; kind: ExtractKind; report: ExtractReport; cleanKey: string; quarantineKey: string | null }
  | { status: 'rejected'; key: string; kind: ExtractKind | null; reason: string; message: string; reportKey: string };

export const extractKindOf = (key: string): ExtractKind | null => {
  const kind = key.slice(PREFIXES.incoming.length).split('/')[0];
  return (EXTRACT_KINDS as readonly string[]).includes(kind ?? '') && key.startsWith(PREFIXES.incoming) ? (kind as ExtractKind) : null;
};

/**
 * Validates one upload: accepted rows become `clean/<kind>/...parquet`, rejected rows go to
 * `quarantine/`, and a file that cannot be used gets a report under `rejected/`. The upload
 * itself is only ever read.
 */
export async function ingestExtract(store: S3ObjectStore, key: string): Promise<IngestOutcome> {
  const kind = extractKindOf(key);
  if (!kind) {
    const message = `Uploads must go under ${EXTRACT_KINDS.map((k) => `${PREFIXES.incoming}${k}/`).join(', ')}; ${key} is not.`;
    return reject(store, key, null, new ExtractRejectedError('unknown-format', message));
  }
  const keys = derivedKeys(key, kind);
  const mapping = (await readColumnMapping(store))[kind];
  return withWorkspace(async (dir) => {
    const raw = path.join(dir, 'upload');
    await store.download(key, raw);
    const db = await openDuckDb({ tempDirectory: dir });
    try {
      const format = detectFormat(path.basename(key), await readHead(raw));
      const typed = `${raw}${fileExtension(format)}`;
      await rename(raw, typed);
      const cleanPath = path.join(dir, 'clean.parquet');
      const quarantinePath = path.join(dir, 'quarantine.csv');
      const report = await validateExtract(db, { inputPath: typed, format, schema: EXTRACT_SCHEMAS[kind], cleanPath, quarantinePath, ...(mapping ? { mapping } : {}) });
      await store.upload(keys.clean, cleanPath, 'application/vnd.apache.parquet');
      if (report.rowsQuarantined > 0) await store.upload(keys.quarantine, quarantinePath, 'text/csv');
      await store.put(keys.report, JSON.stringify({ key, ...report, cleanKey: keys.clean }, null, 2), 'application/json');
      return { status: 'accepted' as const, key, kind, report, cleanKey: keys.clean, quarantineKey: report.rowsQuarantined > 0 ? keys.quarantine : null };
    } catch (error) {
      if (error instanceof ExtractRejectedError) return reject(store, key, kind, error);
      throw error;
    } finally {
      db.close();
    }
  });
}

async function reject(store: S3ObjectStore, key: string, kind: ExtractKind | null, error: ExtractRejectedError): Promise<IngestOutcome> {
  const reportKey = derivedKeys(key, kind ?? '').rejected;
  const report = { key, kind, rejectedAt: new Date().toISOString(), reason: error.reason, message: error.message, details: error.details };
  await store.put(reportKey, JSON.stringify(report, null, 2), 'application/json');
  return { status: 'rejected', key, kind, reason: error.reason, message: error.message, reportKey };
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
