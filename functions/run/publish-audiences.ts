import { createHash } from 'node:crypto';
import {
  AUDIENCE_MANIFEST_FILE,
  AUDIENCE_MANIFEST_FORMAT,
  audienceRefreshDue,
  audienceVersionPrefix,
  buildAudience,
  definitionHash,
  destinationFileName,
  seedSegmentsOf,
  type AudienceCandidate,
  type AudienceDefinition,
  type AudienceDestinationFile,
  type AudienceManifest,
  type BuiltAudience,
  type LastAudienceVersion,
  type PersonSource,
} from '../../models/audiences/index.js';
import { destinationById, toDestinationCsv, type AudiencePerson } from '../../models/audiences/destinations/index.js';
import type { SegmentsConfig } from '../../models/config/index.js';
import { sqlIdentifier, sqlString, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import { declaredColumnSql } from '../../models/extracts/declared-columns.js';
import { declaredProfileColumns } from '../../models/config/profile-section.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { PREFIXES } from '../shared/storage-layout.js';

/** One audience in the run report: the version it published, or why it published none. */
export type AudienceOutcome = PublishedAudience | SkippedAudienceOutcome;

export interface PublishedAudience {
  id: string;
  status: 'published';
  version: string;
  seedSegment: string;
  seedSize: number;
  poolSize: number;
  members: number;
  model: string;
  liftAtSize: number;
  recallAtSize: number;
  manifestKey: string;
  destinations: { destination: string; file: string; rows: number; droppedWithoutIdentifiers: number }[];
}

export interface SkippedAudienceOutcome {
  id: string;
  status: 'skipped';
  /** not-due: its refresh cadence; unknown-segment: a seed segment this run does not have; seed-too-small: under 100; empty-pool. */
  reason: 'not-due' | 'unknown-segment' | 'seed-too-small' | 'empty-pool';
  message: string;
  seedSize?: number;
  poolSize?: number;
}

export interface PublishAudiencesInput {
  runId: string;
  asOf: string;
  createdAt: string;
  config: Pick<SegmentsConfig, 'audiences' | 'profile'>;
  /** Every segment id the run assigns (built-in, fitted and user-defined). */
  knownSegments: ReadonlySet<string>;
  /** Customer ids in any of the segments, from the run's memberships. */
  membersOf: (segments: readonly string[]) => Promise<Set<string>>;
  /** The run's shard scores files (Parquet): each customer's predicted value. */
  scoresFiles: readonly string[];
  /** People a deletion request removed (the suppression list): never in a seed or an audience. */
  isSuppressed?: (source: PersonSource, id: string) => boolean;
}

type AudienceObjects = Pick<S3ObjectStore, 'get' | 'put' | 'list'>;

interface People {
  customers: AudienceCandidate[];
  prospects: AudienceCandidate[];
}

/**
 * Every configured audience that is due: built from the `customers` and `prospects` views of `db`
 * (loadDeduplicatedExtracts) and the run's segments, written as one file per destination under
 * `audiences/<id>/versions/<runId>/`, then `manifest.json` last, so a reader never sees a version
 * without all its files. Only destination rows (hashed identifiers) are written: raw emails and
 * phones never leave the workspace. An audience that cannot be built (seed under 100, unknown
 * segment, nobody targetable) is skipped with its reason; the others are still published.
 */
export async function publishAudiences(db: DuckDbSession, store: AudienceObjects, input: PublishAudiencesInput): Promise<AudienceOutcome[]> {
  let people: People | null = null;
  const outcomes: AudienceOutcome[] = [];
  for (const definition of input.config.audiences) {
    const unknown = seedSegmentsOf(definition).filter((segment) => !input.knownSegments.has(segment));
    if (unknown.length > 0) {
      outcomes.push({ id: definition.id, status: 'skipped', reason: 'unknown-segment', message: `audience ${definition.id}: seed segment ${unknown.join(', ')} does not exist in this run (its segments are listed in the run report); no version was produced` });
      continue;
    }
    const last = await lastVersion(store, definition.id);
    const refresh = audienceRefreshDue(definition, input.asOf, last);
    if (!refresh.due) {
      outcomes.push({ id: definition.id, status: 'skipped', reason: 'not-due', message: `audience ${definition.id}: not due (${refresh.why})` });
      continue;
    }
    people ??= await loadPeople(db, input);
    const built = buildAudience({
      definition,
      asOf: input.asOf,
      seedMembers: await input.membersOf(seedSegmentsOf(definition)),
      customers: people.customers,
      prospects: people.prospects,
      declaredColumns: declaredProfileColumns(input.config.profile),
      consentDefault: input.config.profile.consent.default,
      ...(input.isSuppressed ? { isSuppressed: input.isSuppressed } : {}),
    });
    if (built.kind === 'skipped') {
      outcomes.push({ id: definition.id, status: 'skipped', reason: built.reason, message: built.message, seedSize: built.seedSize, poolSize: built.poolSize });
      continue;
    }
    outcomes.push(await writeVersion(store, input, definition, built, refresh.why));
  }
  return outcomes;
}

async function writeVersion(store: AudienceObjects, input: PublishAudiencesInput, definition: AudienceDefinition, built: BuiltAudience, refreshedBecause: string): Promise<PublishedAudience> {
  const prefix = audienceVersionPrefix(PREFIXES.audiences, definition.id, input.runId);
  const people = built.members.map(({ person, value }): AudiencePerson => ({
    id: person.id,
    email: person.email,
    phone: person.phone,
    country: person.country,
    firstName: person.firstName ?? null,
    lastName: person.lastName ?? null,
    zip: person.zip ?? null,
    value,
  }));
  const destinations: AudienceDestinationFile[] = [];
  for (const id of definition.destinations) {
    const destination = destinationById(id);
    const options = { valueBased: definition.seed.valueWeighted };
    const { csv, rows, droppedWithoutIdentifiers } = toDestinationCsv(destination, people, options);
    const file = destinationFileName(id);
    const bytes = new TextEncoder().encode(csv);
    await store.put(`${prefix}${file}`, bytes, 'text/csv');
    destinations.push({ destination: id, file, header: destination.header(options), rows, droppedWithoutIdentifiers, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  const manifest: AudienceManifest = {
    format: AUDIENCE_MANIFEST_FORMAT,
    audienceId: definition.id,
    versionId: input.runId,
    runId: input.runId,
    asOf: input.asOf,
    createdAt: input.createdAt,
    definition: { ...definition },
    definitionHash: definitionHash(definition),
    refreshedBecause,
    seed: built.seed,
    pool: built.pool,
    model: built.model,
    quality: built.quality,
    members: built.members.length,
    destinations,
  };
  const manifestKey = `${prefix}${AUDIENCE_MANIFEST_FILE}`;
  // Last: a version is complete, and served, only once its manifest exists.
  await store.put(manifestKey, JSON.stringify(manifest, null, 2), 'application/json');
  return {
    id: definition.id,
    status: 'published',
    version: input.runId,
    seedSegment: built.seed.segment,
    seedSize: built.seed.size,
    poolSize: built.pool.size,
    members: built.members.length,
    model: built.model.kind,
    liftAtSize: built.quality.liftAtSize,
    recallAtSize: built.quality.recallAtSize,
    manifestKey,
    destinations: destinations.map(({ destination, file, rows, droppedWithoutIdentifiers }) => ({ destination, file: `${prefix}${file}`, rows, droppedWithoutIdentifiers })),
  };
}

/** The newest complete version (one with a manifest) of an audience, or null. Version ids are run ids, which sort by time. */
async function lastVersion(store: AudienceObjects, audienceId: string): Promise<LastAudienceVersion | null> {
  const versionsPrefix = `${PREFIXES.audiences}${audienceId}/versions/`;
  const manifests = (await store.list(versionsPrefix)).map(({ key }) => key).filter((key) => key.endsWith(`/${AUDIENCE_MANIFEST_FILE}`)).sort();
  const newest = manifests.at(-1);
  if (newest === undefined) return null;
  const bytes = await store.get(newest);
  if (!bytes) return null;
  const manifest = JSON.parse(new TextDecoder().decode(bytes)) as Partial<AudienceManifest>;
  if (typeof manifest.versionId !== 'string' || typeof manifest.asOf !== 'string') return null;
  return { versionId: manifest.versionId, asOf: manifest.asOf, ...(typeof manifest.definitionHash === 'string' ? { definitionHash: manifest.definitionHash } : {}) };
}

interface PersonRow {
  id: string;
  email: string | null;
  phone: string | null;
  country: string | null;
  signupDate: string | null;
  acquisitionChannel: string | null;
  firstName: string | null;
  lastName: string | null;
  zip: string | null;
  marketingConsent: boolean | null;
  [extra: string]: unknown;
}

const EXTRA_PREFIX = 'extra:';

/** Customers and prospects with their declared extras (as text, read by their declared type), and customers' predicted value. */
async function loadPeople(db: DuckDbSession, input: PublishAudiencesInput): Promise<People> {
  const declared = declaredProfileColumns(input.config.profile);
  const values = await predictedValues(db, input.scoresFiles);
  const read = async (view: 'customers' | 'prospects', idColumn: string, source: PersonSource): Promise<AudienceCandidate[]> => {
    const present = new Set((await db.rows<{ column_name: string }>(`DESCRIBE ${view}`)).map((row) => row.column_name));
    const extras = declared.map((column) => `${present.has(column.name) ? `CAST(${declaredColumnSql(column)} AS VARCHAR)` : 'NULL::VARCHAR'} AS ${sqlIdentifier(`${EXTRA_PREFIX}${column.name}`)}`);
    const rows = await db.rows<PersonRow>(`
      SELECT CAST(${idColumn} AS VARCHAR) AS id, email, phone, country,
        strftime(CAST(signup_date AS DATE), '%Y-%m-%d') AS signupDate, acquisition_channel AS acquisitionChannel,
        first_name AS firstName, last_name AS lastName, zip, marketing_consent AS marketingConsent
        ${extras.map((sql) => `, ${sql}`).join('')}
      FROM ${view} ORDER BY id`);
    return rows.map((row) => ({
      id: row.id,
      source,
      email: row.email,
      phone: row.phone,
      country: row.country,
      signupDate: row.signupDate,
      acquisitionChannel: row.acquisitionChannel,
      firstName: row.firstName,
      lastName: row.lastName,
      zip: row.zip,
      marketingConsent: row.marketingConsent,
      extras: Object.fromEntries(declared.map((column) => [column.name, (row[`${EXTRA_PREFIX}${column.name}`] as string | null) ?? null])),
      value: source === 'customer' ? (values.get(row.id) ?? null) : null,
    }));
  };
  return { customers: await read('customers', 'customer_id', 'customer'), prospects: await read('prospects', 'prospect_id', 'prospect') };
}

async function predictedValues(db: DuckDbSession, scoresFiles: readonly string[]): Promise<Map<string, number>> {
  if (scoresFiles.length === 0) return new Map();
  const rows = await db.rows<{ customerId: string; predictedClv: number | null }>(
    `SELECT CAST(customerId AS VARCHAR) AS customerId, CAST(predictedClv AS DOUBLE) AS predictedClv FROM read_parquet([${scoresFiles.map(sqlString).join(', ')}])`,
  );
  return new Map(rows.filter((row) => row.predictedClv !== null).map((row) => [row.customerId, row.predictedClv as number]));
}

