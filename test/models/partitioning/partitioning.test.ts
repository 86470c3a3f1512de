import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDuckDb, sqlString } from '../../../models/duckdb/duckdb-session.js';
import { BUCKET_COUNT, PartitioningError, bucketOf, bucketSql, shardOfBucketSql, shardRanges } from '../../../models/partitioning/index.js';
import { seededRandom } from '../../support/seeded-random.js';

const FIXED_IDS = ['', '0', '17850', 'C00001', 'Zoë', 'Zoe\u0308', '日本の顧客', '🙂👩‍👩‍👧', "O'Brien", 'a#S#b', 'x'.repeat(256), 'Ω≈ç√∫', 'тест', 'مرحبا'];

function generatedIds(count: number): string[] {
  const random = seededRandom(7);
  const alphabet = ['a', 'Z', '9', '-', ' ', 'é', 'ß', 'ü', '中', '文', '😀', '🇫🇷', '\u0301', 'Ж', 'ك', '#', "'"];
  return Array.from({ length: count }, (_, i) => {
    if (i % 3 === 0) return String(10_000 + i);
    const length = 1 + Math.floor(random() * 12);
    return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  });
}

async function bucketsInDuckDb(ids: string[]): Promise<number[]> {
  const db = await openDuckDb();
  try {
    await db.run('CREATE TABLE ids (n INTEGER, id VARCHAR)');
    for (let start = 0; start < ids.length; start += 500) {
      const values = ids.slice(start, start + 500).map((id, i) => `(${start + i}, ${sqlString(id)})`);
      await db.run(`INSERT INTO ids VALUES ${values.join(', ')}`);
    }
    const rows = await db.rows<{ bucket: number }>(`SELECT ${bucketSql('id')} AS bucket FROM ids ORDER BY n`);
    return rows.map((row) => Number(row.bucket));
  } finally {
    db.close();
  }
}

describe('customer buckets', () => {
  it('are stable: known ids keep their bucket for ever', () => {
    expect(bucketOf('abc')).toBe(0x90015098 % BUCKET_COUNT);
    expect(['17850', 'C00001', 'Zoë', '日本の顧客'].map(bucketOf)).toEqual([2899, 3274, 3955, 3974]);
  });

  it('DuckDB computes the same bucket as JavaScript, non-ASCII ids included', async () => {
    const ids = [...FIXED_IDS, ...generatedIds(3000), ...fc.sample(fc.string({ unit: 'grapheme', maxLength: 20 }), { numRuns: 1000, seed: 3 })];

    const sql = await bucketsInDuckDb(ids);

    expect(sql).toEqual(ids.map(bucketOf));
  });

  it('spreads ids over every bucket range about evenly', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 64_000; i += 1) counts[Math.floor(bucketOf(`C${i}`) / (BUCKET_COUNT / 16))]! += 1;

    expect(Math.min(...counts)).toBeGreaterThan(3_700);
    expect(Math.max(...counts)).toBeLessThan(4_300);
  });
});

describe('shardRanges', () => {
  it('covers every bucket once, in contiguous ranges of near-equal size', () => {
    for (const shards of [1, 3, 7, 16, 1000, BUCKET_COUNT]) {
      const ranges = shardRanges(shards);

      expect(ranges).toHaveLength(shards);
      expect(ranges[0]?.fromBucket).toBe(0);
      expect(ranges.at(-1)?.toBucket).toBe(BUCKET_COUNT);
      ranges.slice(1).forEach((range, i) => expect(range.fromBucket).toBe(ranges[i]?.toBucket));
      const sizes = ranges.map((range) => range.toBucket - range.fromBucket);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(Math.min(...sizes)).toBeGreaterThan(0);
    }
  });

  it('DuckDB finds the range of every bucket as shardRanges draws them, for every shard count a run can have', async () => {
    const db = await openDuckDb();
    try {
      for (const shards of [1, 2, 3, 7, 20, 64, 255, 256, 1000, BUCKET_COUNT]) {
        const result = await db.columnar(`SELECT (${shardOfBucketSql('b', shards)})::INTEGER AS shard FROM range(${BUCKET_COUNT}) t(b) ORDER BY b`);
        const expected = shardRanges(shards).flatMap((range, index) => Array.from({ length: range.toBucket - range.fromBucket }, () => index));

        expect(Array.from(result.numbers('shard'))).toEqual(expected);
      }
    } finally {
      db.close();
    }
  });

  it('refuses shard counts that cannot split the buckets', () => {
    for (const shards of [0, -1, 1.5, BUCKET_COUNT + 1, Number.NaN]) expect(() => shardRanges(shards)).toThrow(PartitioningError);
  });
});
