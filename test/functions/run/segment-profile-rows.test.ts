import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3ObjectStore } from '../../../functions/adapters/s3-object-store.js';
import { readSegmentationRows } from '../../../functions/run/profile-rows.js';
import { writeScoresParquet } from '../../../functions/run/scores-file.js';
import { openDuckDb, sqlString, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { assignSegments, segmentationSettings, withProfile, type SegmentationProfile } from '../../../models/segmentation/index.js';
import { AS_OF, rowScore } from '../../models/segmentation/score-rows.js';

/** A store over local files: key -> path. */
const localStore = (files: Record<string, string>) =>
  ({
    download: async (key: string, to: string) => {
      fs.copyFileSync(files[key]!, to);
      return fs.statSync(to).size;
    },
  }) as unknown as S3ObjectStore;

const PROFILE: SegmentationProfile = {
  columns: [
    { name: 'web_sessions', type: 'number' },
    { name: 'last_visit', type: 'date' },
    { name: 'newsletter', type: 'boolean' },
    { name: 'tier', type: 'category' },
    { name: 'never_uploaded', type: 'number' },
  ],
  consentDefault: 'granted',
};

let dir: string;
let db: DuckDbSession;
let store: S3ObjectStore;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-rows-'));
  db = await openDuckDb();
  const scores = ['a', 'b', 'c', 'd'].map((id) => rowScore(id).row) as unknown as Parameters<typeof writeScoresParquet>[1];
  await writeScoresParquet(db, scores, path.join(dir, 'scores.parquet'));
  // As the clean data keeps them: built-in columns typed, extra columns as text (a cell that does not parse reads as unknown).
  await db.run(`COPY (SELECT * FROM (VALUES
      ('a', 'DE', 'referral', TIMESTAMP '2024-11-20 00:00:00', true, '1,234.5', '2024-12-30', 'yes', ' gold '),
      ('b', 'FR', 'organic', NULL, false, '3', 'soon', 'no', 'silver'),
      ('c', 'AT', NULL, TIMESTAMP '2020-01-01 00:00:00', NULL, 'many', NULL, 'maybe', NULL)
    ) t(customer_id, country, acquisition_channel, signup_date, marketing_consent, web_sessions, last_visit, newsletter, tier))
    TO ${sqlString(path.join(dir, 'customers.parquet'))} (FORMAT parquet)`);
  store = localStore({ scores: path.join(dir, 'scores.parquet'), customers: path.join(dir, 'customers.parquet') });
});
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const settingsReading = (rule: unknown) => withProfile(segmentationSettings({ custom: [{ id: 'x', rule }] }), PROFILE);

describe('readSegmentationRows', () => {
  it('joins the profile columns the rules read, typed as declared; a customer without a profile row, an unparseable cell or a column no upload had reads as missing', async () => {
    const settings = settingsReading({
      any: [
        { country: 'DE' }, { acquisition_channel: 'x' }, { signup_date: { after: '2021-01-01' } }, { marketing_consent: true },
        { web_sessions: { gt: 1 } }, { last_visit: { before: 'asOf' } }, { newsletter: true }, { tier: 'gold' }, { never_uploaded: 1 },
      ],
    });
    const workspace = fs.mkdtempSync(path.join(dir, 'w-'));
    const { scores, rows } = await readSegmentationRows(store, db, workspace, { scoresKeys: ['scores'], customersKeys: ['customers'] }, settings);

    expect(scores.map((s) => s.customerId)).toEqual(['a', 'b', 'c', 'd']);
    const pick = (i: number) => {
      const row = rows[i]!.row!;
      return Object.fromEntries(['country', 'acquisition_channel', 'signup_date', 'marketing_consent', 'web_sessions', 'last_visit', 'newsletter', 'tier', 'never_uploaded'].map((k) => [k, row[k]]));
    };
    expect(pick(0)).toEqual({ country: 'DE', acquisition_channel: 'referral', signup_date: '2024-11-20', marketing_consent: true, web_sessions: 1234.5, last_visit: '2024-12-30', newsletter: true, tier: 'gold', never_uploaded: null });
    expect(pick(1)).toEqual({ country: 'FR', acquisition_channel: 'organic', signup_date: null, marketing_consent: false, web_sessions: 3, last_visit: null, newsletter: false, tier: 'silver', never_uploaded: null });
    // No consent answer: the configured default (granted here); an answer that is not one reads as missing.
    expect(pick(2)).toMatchObject({ country: 'AT', marketing_consent: true, web_sessions: null, newsletter: null, tier: null });
    expect(pick(3)).toEqual({ country: null, acquisition_channel: null, signup_date: null, marketing_consent: true, web_sessions: null, last_visit: null, newsletter: null, tier: null, never_uploaded: null });

    const members = assignSegments(rows, { settings: settingsReading({ web_sessions: { gte: 3 }, tier: 'silver' }), asOf: AS_OF }).memberships;
    expect([...members].filter(([, s]) => s.includes('custom:x')).map(([id]) => id)).toEqual(['b']);
  });

  it('reads no profile file when no rule reads a profile column', async () => {
    const workspace = fs.mkdtempSync(path.join(dir, 'w-'));
    const { rows } = await readSegmentationRows(store, db, workspace, { scoresKeys: ['scores'], customersKeys: ['missing'] }, settingsReading('predictedClv > 1'));
    expect(rows).toHaveLength(4);
    expect(rows[0]!.row!['country']).toBeUndefined();
  });
});
