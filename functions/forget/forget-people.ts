import type { AudienceDestination, AudiencePerson } from '../../models/audiences/destinations/audience-destination.js';
import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import type { SuppressionList } from '../adapters/suppression-list.js';
import { withWorkspace } from '../pipeline/workspace.js';
import type { ScoringRuns } from '../pipeline/scoring-runs.js';
import type { RunControl } from '../run/run-control.js';
import { PREFIXES } from '../shared/storage-layout.js';
import { removeFromAudiences } from './audience-files.js';
import { withDeletionLock, type DeletionLockOptions } from './deletion-lock.js';
import type { ForgetWork } from './forget-work.js';
import { identifierHashes } from './identifier-hashes.js';
import { removeFromJsonObjects } from './json-objects.js';
import { lookInParquet, profilesIn, removeFromParquet, removeFromParquetObjects, type ParquetLook } from './parquet-objects.js';
import type { PersonRef } from './person-ref.js';
import { removeFromQuarantine } from './quarantine-files.js';
import { removeFromSegmentEvents, type SegmentEventsTarget } from './segment-event-files.js';
import { removeFromTable, type TableAccess } from './table-items.js';
import { PlaceTally, deletionReportKey, newDeletionRequestId, type PlaceCheck, type RemainingCopy, type VerificationReport } from './verification-report.js';

export interface ForgetDependencies {
  store: S3ObjectStore;
  table: TableAccess;
  control: RunControl;
  /** Where a run requested while the deletion held the lock is asked for again. */
  runs?: ScoringRuns;
  suppression: SuppressionList;
  segmentEvents: SegmentEventsTarget;
  /** The audience formats (models/audiences/destinations), whose rows give the hashes to match. */
  destinations: readonly AudienceDestination[];
  /** Days a rewritten object's previous version is kept (a versioned bucket's noncurrent-version rule); none locally. */
  noncurrentVersionRetentionDays?: number;
  lock?: DeletionLockOptions;
  now?: () => Date;
  onProgress?: (message: string) => void;
}

export interface ForgetRequest {
  people: PersonRef[];
  /** `cli`, or the key of the deletion list uploaded under incoming/deletions/. */
  source: string;
  requestId?: string;
}

const isDeletionReport = (key: string): boolean => key.startsWith(`${PREFIXES.reports}deletions/`);
const uploadOfClean = (cleanKey: string): string =>
  `${PREFIXES.incoming}${cleanKey.slice(PREFIXES.clean.length).replace(/\/[^/]+\.parquet$/, '')}`;

/**
 * Forgets people everywhere the pipeline keeps them, under the scoring runs' lock, and writes the
 * verification report (`reports/deletions/<requestId>.json`, people by hash only). Order matters:
 * the clean data is read first (the profiles give the email and phone hashes that find audience
 * rows) and rewritten last, so a deletion that fails half way can be run again and still find
 * everything; the people found are added to the suppression list before anything is removed, so an
 * upload ingested meanwhile already drops them. People found nowhere change nothing: with nobody
 * found, no report or suppression entry is written.
 */
export async function forgetPeople(deps: ForgetDependencies, request: ForgetRequest): Promise<VerificationReport> {
  const now = deps.now ?? (() => new Date());
  const progress = deps.onProgress ?? (() => {});
  const requestedAt = now().toISOString();
  const requestId = request.requestId ?? newDeletionRequestId(requestedAt);
  return withDeletionLock(
    deps.control,
    deps.runs,
    `forget:${requestId}`,
    (lockId) =>
      withWorkspace(async (dir) => {
        const db = await openDuckDb({ tempDirectory: dir });
        try {
          const work: ForgetWork = { store: deps.store, db, dir, people: request.people };
          return await forgetUnderLock(deps, request, work, { requestId, requestedAt, lockId, progress });
        } finally {
          db.close();
        }
      }),
    { now, ...deps.lock },
  );
}

async function forgetUnderLock(
  deps: ForgetDependencies,
  request: ForgetRequest,
  work: ForgetWork,
  context: { requestId: string; requestedAt: string; lockId: string; progress: (message: string) => void },
): Promise<VerificationReport> {
  const { requestId, progress } = context;
  const found = new Set<string>();
  const places: PlaceCheck[] = [];

  progress('reading the clean data (profiles, rows)');
  const cleanLooks: ParquetLook[] = [];
  const profiles = new Map<string, AudiencePerson[]>();
  for (const { key } of await deps.store.list(PREFIXES.clean)) {
    if (!key.endsWith('.parquet')) continue;
    const look = await lookInParquet(work, key);
    cleanLooks.push(look);
    for (const hash of look.rowsByPerson.keys()) found.add(hash);
    for (const [hash, people] of await profilesIn(work, look)) profiles.set(hash, [...(profiles.get(hash) ?? []), ...people]);
  }
  const suppress = async () => {
    if (found.size > 0) await deps.suppression.add({ requestId, addedAt: new Date().toISOString(), hashes: [...found].sort() });
  };
  await suppress();

  progress('audiences');
  const ownerOf = new Map<string, string>();
  for (const [person, personProfiles] of profiles) for (const hash of identifierHashes(personProfiles, deps.destinations)) ownerOf.set(hash, person);
  places.push(await removeFromAudiences(work, ownerOf, found));

  progress('the segments table');
  places.push(await removeFromTable(deps.table, request.people, context.lockId, found));

  progress('segment change events');
  places.push(await removeFromSegmentEvents(deps.segmentEvents, request.people, found));

  progress('quarantine files');
  const quarantineSeen = new Set<string>();
  const quarantineTally = new PlaceTally('quarantine', 'rejected rows kept for the data team (quarantine/<upload>/<version>.rows.csv)');
  const quarantine = await removeFromQuarantine(work, found, quarantineSeen, quarantineTally);
  places.push(quarantine.check);

  progress('scoring runs\' working files');
  const runFiles = new PlaceTally('run-files', 'each scoring run\'s working files (runs/<runId>/...: shard inputs, scores, memberships, prospects, summaries)');
  await removeFromParquetObjects(work, PREFIXES.runs, runFiles);
  await removeFromJsonObjects(work, PREFIXES.runs, runFiles, found);
  places.push(countFound(runFiles.done(), found));

  progress('scores exports');
  const exportsTally = new PlaceTally('scores-exports', 'every run\'s scores export (exports/scores/<asOf>/scores.parquet)');
  await removeFromParquetObjects(work, PREFIXES.exports, exportsTally);
  places.push(countFound(exportsTally.done(), found));

  progress('reports');
  const reports = new PlaceTally('reports', 'run, ingest and KPI reports (reports/...), wherever one lists a person by id');
  await removeFromParquetObjects(work, PREFIXES.reports, reports, isDeletionReport);
  await removeFromJsonObjects(work, PREFIXES.reports, reports, found, isDeletionReport);
  places.push(countFound(reports.done(), found));

  progress('rewriting the clean data');
  const clean = new PlaceTally('clean-data', 'accepted rows of every upload version (clean/<upload>/<version>.parquet), which runs read');
  for (const look of cleanLooks) await removeFromParquet(work, look, clean);
  // An upload ingested while this ran, by an ingest that read the suppression list just before the
  // people were added to it, may have written clean or quarantined rows since the first listing.
  const cleanSeen = new Set(cleanLooks.map((look) => look.key));
  for (const { key } of await deps.store.list(PREFIXES.clean)) {
    if (!key.endsWith('.parquet') || cleanSeen.has(key)) continue;
    const look = await lookInParquet(work, key);
    cleanLooks.push(look);
    for (const hash of look.rowsByPerson.keys()) found.add(hash);
    await removeFromParquet(work, look, clean);
  }
  const lateQuarantine = await removeFromQuarantine(work, found, quarantineSeen, quarantineTally);
  for (const [key, people] of lateQuarantine.uploads) quarantine.uploads.set(key, new Set([...(quarantine.uploads.get(key) ?? []), ...people]));
  places.unshift(clean.done());

  const remaining = remainingCopies(deps, request, cleanLooks, quarantine.uploads, places, found);
  const people = request.people.map((person) => ({ hash: person.hash, kind: person.kind, found: found.has(person.hash) }));
  const finishedAt = new Date().toISOString();
  if (found.size === 0) {
    return { requestId, requestedAt: context.requestedAt, finishedAt, source: request.source, people, places, remaining, suppressed: false, reportKey: null };
  }
  await suppress();
  const report: VerificationReport = {
    requestId,
    requestedAt: context.requestedAt,
    finishedAt,
    source: request.source,
    people,
    places,
    remaining,
    suppressed: true,
    reportKey: deletionReportKey(requestId),
  };
  await deps.store.put(deletionReportKey(requestId), JSON.stringify(report, null, 2), 'application/json');
  return report;
}

function countFound(check: PlaceCheck, found: Set<string>): PlaceCheck {
  for (const hash of Object.keys(check.removedByPerson)) found.add(hash);
  return check;
}

/** What the pipeline leaves on purpose: the raw uploads, the request's own list, previous versions of rewritten objects. */
function remainingCopies(
  deps: ForgetDependencies,
  request: ForgetRequest,
  cleanLooks: readonly ParquetLook[],
  quarantinedUploads: ReadonlyMap<string, Set<string>>,
  places: readonly PlaceCheck[],
  found: ReadonlySet<string>,
): RemainingCopy[] {
  const uploads = new Map<string, Set<string>>();
  const add = (key: string, people: Iterable<string>) => uploads.set(key, new Set([...(uploads.get(key) ?? []), ...people]));
  for (const look of cleanLooks) if (look.rowsByPerson.size > 0) add(uploadOfClean(look.key), look.rowsByPerson.keys());
  for (const [key, people] of quarantinedUploads) add(key, people);
  const remaining: RemainingCopy[] = [...uploads].map(([key, people]) => ({
    place: 'raw-upload',
    key,
    people: [...people].sort(),
    reason: 'raw uploads under incoming/ are only ever read by the pipeline, never changed or deleted: the data team must delete this object (or replace it with a version without the person); in a versioned bucket its earlier versions then expire under the noncurrent-version rule',
  }));
  if (request.source.startsWith(PREFIXES.incoming) && found.size > 0) {
    remaining.push({
      place: 'deletion-request',
      key: request.source,
      people: request.people.map((p) => p.hash).filter((hash) => found.has(hash)),
      reason: 'the deletion list itself names the people by id; delete it once this report is filed (the pipeline only reads uploads)',
    });
  }
  const rewritten = places.reduce((sum, place) => sum + place.rewritten.filter((key) => !key.startsWith('B#')).length, 0);
  if (deps.noncurrentVersionRetentionDays !== undefined && rewritten > 0) {
    remaining.push({
      place: 'previous-object-versions',
      key: `${rewritten} rewritten object(s) listed above`,
      people: [...found].sort(),
      reason: `the bucket is versioned: the version each rewrite replaced is kept as a noncurrent version and expires after ${deps.noncurrentVersionRetentionDays} days under the bucket's lifecycle rule`,
    });
  }
  return remaining;
}
