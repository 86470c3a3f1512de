import path from 'node:path';
import type { SegmentsConfig } from '../../models/config/index.js';
import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import { EXTRACT_SCHEMAS, ExtractRejectedError, detectFileFormat, validateExtract, type ExtractReport } from '../../models/extracts/index.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { S3SuppressionList, type SuppressionList } from '../adapters/suppression-list.js';
import { suppressionPrefix } from '../forget/person-ref.js';
import { withWorkspace } from '../pipeline/workspace.js';
import { EXTRACT_KINDS, PREFIXES, extractKindOf, isDeletionList, uploadOutputKeys, type ExtractKind } from '../shared/storage-layout.js';
import type { ManifestEntry, UploadManifest, UploadVersionRecord } from './upload-manifest.js';
import { versionTagOf, type UploadRef } from './upload-ref.js';

export interface IngestContext {
  store: S3ObjectStore;
  manifest: UploadManifest;
  config: SegmentsConfig;
  now?: () => Date;
  /** People forgotten by a deletion request, whose rows are dropped; default: the list in the data bucket. */
  suppression?: SuppressionList;
}

interface Accepted {
  status: 'accepted';
  key: string;
  versionTag: string;
  kind: ExtractKind;
  report: ExtractReport;
  cleanKey: string;
  quarantineKey: string | null;
  reportKey: string;
  /** Another current upload with the same content: this one is not counted again. */
  duplicateOf: string | null;
  /** False when a later write of the same key was ingested first (this version is kept on record only). */
  current: boolean;
  /** Whether the data a scoring run reads changed. */
  dataChanged: boolean;
}

interface Rejected {
  status: 'rejected';
  key: string;
  versionTag: string;
  kind: ExtractKind | null;
  reason: string;
  message: string;
  reportKey: string;
  /** The accepted version of the same key that stays in force, if any. */
  previousInForce: string | null;
}

interface Skipped {
  status: 'skipped';
  key: string;
  versionTag: string;
  reason: 'already-ingested' | 'object-missing' | 'superseded' | 'deletion-list';
  message: string;
  /** For already-ingested: what the first delivery recorded. */
  recorded: UploadVersionRecord | null;
}

export type IngestOutcome = Accepted | Rejected | Skipped;

/**
 * Ingests exactly one version of one upload, once. A re-delivered event finds the version's record
 * and does nothing; an event for an object deleted or replaced since is a no-op; otherwise the file
 * is validated (accepted rows to `clean/`, bad rows to `quarantine/`, an unusable file gets a report
 * under `rejected/`), and an accepted version becomes its key's current entry in the manifest unless
 * a later write of the key already did. The upload itself is only read.
 *
 * Steps run in an order that a crash at any point and the event's redelivery complete exactly once:
 * outputs (idempotent puts) -> manifest entry (conditional) -> version record (conditional, last).
 */
export async function ingestUploadObject(context: IngestContext, ref: UploadRef): Promise<IngestOutcome> {
  const versionTag = versionTagOf(ref);
  if (isDeletionList(ref.key)) {
    return { status: 'skipped', key: ref.key, versionTag, reason: 'deletion-list', recorded: null, message: 'a deletion request, not an extract: the forget-people function handles it' };
  }
  const recorded = await context.manifest.getVersion(ref.key, versionTag);
  if (recorded) {
    return { status: 'skipped', key: ref.key, versionTag, reason: 'already-ingested', recorded, message: `already ingested at ${recorded.recordedAt} (${recorded.status}); this delivery has no further effect` };
  }
  const kind = extractKindOf(ref.key);
  if (!kind) {
    const message = `Uploads must go under ${EXTRACT_KINDS.map((k) => `${PREFIXES.incoming}${k}/`).join(', ')}; ${ref.key} is not.`;
    return reject(context, ref, versionTag, null, new ExtractRejectedError('unknown-format', message));
  }
  return withWorkspace(async (dir) => {
    const raw = path.join(dir, 'upload');
    const download = await context.store.downloadCurrentVersion(ref.key, raw, ref);
    if (download.status === 'missing') {
      return { status: 'skipped', key: ref.key, versionTag, reason: 'object-missing', recorded: null, message: 'the object no longer exists (deleted after upload); nothing to ingest' };
    }
    if (download.status === 'superseded') {
      return { status: 'skipped', key: ref.key, versionTag, reason: 'superseded', recorded: null, message: 'a newer upload replaced this object; its own event ingests it' };
    }
    try {
      const suppressed = await (context.suppression ?? new S3SuppressionList(context.store)).hashes();
      const report = await validateUpload(dir, raw, ref.key, kind, context.config, suppressed);
      return await accept(context, ref, versionTag, kind, dir, report);
    } catch (error) {
      if (error instanceof ExtractRejectedError) return reject(context, ref, versionTag, kind, error);
      throw error;
    }
  });
}

async function validateUpload(dir: string, raw: string, key: string, kind: ExtractKind, config: SegmentsConfig, suppressed: ReadonlySet<string>): Promise<ExtractReport> {
  const db = await openDuckDb({ tempDirectory: dir });
  try {
    const format = await detectFileFormat(raw, path.basename(key));
    const mapping = config.mapping[kind];
    return await validateExtract(db, {
      inputPath: raw,
      format,
      fileName: path.basename(key),
      workDir: dir,
      schema: EXTRACT_SCHEMAS[kind],
      cleanPath: path.join(dir, 'clean.parquet'),
      quarantinePath: path.join(dir, 'quarantine.csv'),
      limits: config.ingest,
      ...(mapping ? { mapping } : {}),
      suppressed: kind === 'prospects'
        ? { idColumn: 'prospect_id', idPrefix: suppressionPrefix('prospect'), hashes: suppressed }
        : { idColumn: 'customer_id', idPrefix: suppressionPrefix('customer'), hashes: suppressed },
    });
  } finally {
    db.close();
  }
}

async function accept(context: IngestContext, ref: UploadRef, versionTag: string, kind: ExtractKind, dir: string, report: ExtractReport): Promise<IngestOutcome> {
  const keys = uploadOutputKeys(ref.key, versionTag);
  const now = (context.now ?? (() => new Date()))().toISOString();
  const contentSha256 = report.decoding.contentSha256;
  const entries = await context.manifest.entries();
  const sameKey = entries.find((e) => e.key === ref.key);
  const others = entries.filter((e) => e.kind === kind && e.key !== ref.key);
  const duplicateOf = others.find((e) => e.contentSha256 === contentSha256)?.key ?? null;

  await context.store.upload(keys.clean, path.join(dir, 'clean.parquet'), 'application/vnd.apache.parquet');
  if (report.rowsQuarantined > 0) await context.store.upload(keys.quarantine, path.join(dir, 'quarantine.csv'), 'text/csv');
  const quarantineKey = report.rowsQuarantined > 0 ? keys.quarantine : null;
  await context.store.put(
    keys.report,
    JSON.stringify({ key: ref.key, versionTag, eTag: ref.eTag, versionId: ref.versionId ?? null, acceptedAt: now, ...report, cleanKey: keys.clean, quarantineKey, duplicateOf }, null, 2),
    'application/json',
  );

  const replayOfSameVersion = sameKey?.versionTag === versionTag;
  const entry: ManifestEntry = {
    key: ref.key,
    kind,
    versionTag,
    sequencer: ref.sequencer,
    contentSha256,
    cleanKey: keys.clean,
    rowsAccepted: report.rowsAccepted,
    acceptedAt: replayOfSameVersion ? sameKey.acceptedAt : now,
    replacedContentSha256: replayOfSameVersion ? sameKey.replacedContentSha256 : (sameKey?.contentSha256 ?? null),
    ...(report.orderDays ? { orderDays: report.orderDays } : {}),
  };
  const advanced = await context.manifest.advance(entry);
  const replaced = advanced.advanced && advanced.replaced ? advanced.replaced.contentSha256 : entry.replacedContentSha256;
  const dataChanged = advanced.advanced && datasetChanges(others.map((e) => e.contentSha256), replaced, contentSha256);
  await context.manifest.putVersion({ key: ref.key, versionTag, kind, status: 'accepted', recordedAt: now, reportKey: keys.report, dataChanged, runRequestedAt: null });
  return { status: 'accepted', key: ref.key, versionTag, kind, report, cleanKey: keys.clean, quarantineKey, reportKey: keys.report, duplicateOf, current: advanced.advanced, dataChanged };
}

/**
 * Runs read each distinct content once, so the data changes only when the set of distinct
 * fingerprints does: the key's old content leaves it (unless another key holds it too) or the
 * new content enters it (unless already there).
 */
function datasetChanges(otherFingerprints: string[], replaced: string | null, added: string): boolean {
  const held = new Set(otherFingerprints);
  const removedSomething = replaced !== null && replaced !== added && !held.has(replaced);
  const addedSomething = replaced !== added && !held.has(added);
  return removedSomething || addedSomething;
}

async function reject(context: IngestContext, ref: UploadRef, versionTag: string, kind: ExtractKind | null, error: ExtractRejectedError): Promise<IngestOutcome> {
  const reportKey = uploadOutputKeys(ref.key, versionTag).rejected;
  const now = (context.now ?? (() => new Date()))().toISOString();
  const previous = kind ? (await context.manifest.entries()).find((e) => e.key === ref.key) : undefined;
  const previousInForce = previous ? `${previous.key} (${previous.versionTag}, accepted ${previous.acceptedAt})` : null;
  const report = {
    key: ref.key,
    versionTag,
    kind,
    rejectedAt: now,
    reason: error.reason,
    message: error.message,
    details: error.details,
    ...(previousInForce ? { previousVersionStaysInForce: previousInForce } : {}),
  };
  await context.store.put(reportKey, JSON.stringify(report, null, 2), 'application/json');
  await context.manifest.putVersion({ key: ref.key, versionTag, kind, status: 'rejected', recordedAt: now, reportKey, dataChanged: false, runRequestedAt: null });
  return { status: 'rejected', key: ref.key, versionTag, kind, reason: error.reason, message: error.message, reportKey, previousInForce };
}
