import type { DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import { buildLookalikeAudience, toAudienceCsv, type LookalikeCandidate } from '../../models/lookalike/index.js';
import type { Profile } from '../../models/profile.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { PREFIXES } from '../shared/storage-layout.js';

export interface AudienceSummary {
  seedSegments: string[];
  seedSize: number;
  key: string;
  rows: number;
  droppedWithoutIdentifiers: number;
  holdoutLiftAtTop10: number | null;
}

/** The seed: customers in the top 10% of predicted CLV (the three top tiers together). */
export const DEFAULT_SEED = { name: 'top-10pct-clv', segments: ['clv:top-1', 'clv:top-5', 'clv:top-10'] };

const profileSql = (table: string, id: string) => `
  SELECT CAST(${id} AS VARCHAR) AS id, email, phone, country,
    strftime(CAST(signup_date AS DATE), '%Y-%m-%d') AS signupDate, acquisition_channel AS acquisitionChannel
  FROM ${table} ORDER BY id`;

/**
 * Ranks prospects and non-seed customers (the seed: `seedMembers`, the customers in the seed's segments) by likeness to the seed and writes them, hashed, to
 * `audiences/lookalike/<seed>/<asOf>.csv`. Raw emails and phones never leave the workspace.
 */
export async function publishLookalikeAudience(
  db: DuckDbSession,
  store: S3ObjectStore,
  input: { asOf: string; seedMembers: ReadonlySet<string>; seed?: typeof DEFAULT_SEED },
): Promise<AudienceSummary | null> {
  const seedSpec = input.seed ?? DEFAULT_SEED;
  const customers = await db.rows<Profile>(profileSql('customers', 'customer_id'));
  const prospects = await db.rows<Profile>(profileSql('prospects', 'prospect_id'));
  const inSeed = (id: string) => input.seedMembers.has(id);
  const seed = customers.filter((c) => inSeed(c.id));
  if (seed.length === 0) return null;
  const candidates: LookalikeCandidate[] = [
    ...prospects.map((p) => ({ ...p, source: 'prospect' as const })),
    ...customers.filter((c) => !inSeed(c.id)).map((c) => ({ ...c, source: 'customer' as const })),
  ];
  const audience = buildLookalikeAudience({ seed, candidates, asOf: input.asOf });
  const key = `${PREFIXES.audiences}lookalike/${seedSpec.name}/${input.asOf}.csv`;
  await store.put(key, toAudienceCsv(audience.rows), 'text/csv');
  return {
    seedSegments: seedSpec.segments,
    seedSize: seed.length,
    key,
    rows: audience.rows.length,
    droppedWithoutIdentifiers: audience.counts.droppedWithoutContact,
    holdoutLiftAtTop10: audience.holdoutLiftAtTop10,
  };
}
