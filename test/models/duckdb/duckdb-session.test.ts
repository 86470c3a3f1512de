import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';

let db: DuckDbSession;
beforeAll(async () => {
  db = await openDuckDb();
});
afterAll(() => db.close());

describe('DuckDbSession.columnar', () => {
  it('reads every row of a result larger than its first buffer, in order, numbers as Float64Array and text as strings', async () => {
    const rows = 200_003;
    const result = await db.columnar(`
      SELECT CAST(i AS INTEGER) AS n, CAST(i * 0.5 AS DOUBLE) AS half, CAST(i AS INTEGER) % 7 AS small, 'c' || i AS id
      FROM range(${rows}) t(i) ORDER BY i`);

    expect(result.rowCount).toBe(rows);
    const half = result.numbers('half');
    expect(half).toBeInstanceOf(Float64Array);
    expect(half.length).toBe(rows);
    expect(half[rows - 1]).toBe((rows - 1) * 0.5);
    expect(result.numbers('small')[13]).toBe(6);
    expect(result.texts('id')[123_456]).toBe('c123456');
  });

  it('gives NULL as NaN in numbers and null in text, and an empty result as empty columns', async () => {
    const result = await db.columnar(`SELECT CAST(x AS DOUBLE) AS x, s FROM (VALUES (1.5, 'a'), (NULL, NULL)) t(x, s)`);
    expect(Array.from(result.numbers('x'))).toEqual([1.5, Number.NaN]);
    expect(result.texts('s')).toEqual(['a', null]);
    const empty = await db.columnar(`SELECT CAST(1 AS DOUBLE) AS x WHERE false`);
    expect(empty.rowCount).toBe(0);
    expect(empty.numbers('x').length).toBe(0);
  });

  it('reads every numeric type it accepts, and NULLs scattered over several chunks, at the right rows', async () => {
    const rows = 5_000;
    const result = await db.columnar(`
      SELECT CAST(i AS DOUBLE) AS i,
        CASE WHEN i % 97 = 3 THEN NULL ELSE CAST(i * 0.25 - 100 AS FLOAT) END AS f,
        CAST(i % 30000 - 15000 AS SMALLINT) AS s, CAST(i % 200 - 100 AS TINYINT) AS t,
        CAST(i % 250 AS UTINYINT) AS ut, CAST(i % 60000 AS USMALLINT) AS us, CAST(i * 1000 AS UINTEGER) AS ui,
        CASE WHEN i % 1000 = 999 THEN NULL ELSE CAST(-i AS INTEGER) END AS n
      FROM range(${rows}) t(i) ORDER BY i`);
    const column = (name: string) => result.numbers(name);
    for (let i = 0; i < rows; i += 1) {
      expect(column('i')[i]).toBe(i);
      expect(column('f')[i]).toBe(i % 97 === 3 ? Number.NaN : i * 0.25 - 100);
      expect(column('s')[i]).toBe((i % 30000) - 15000);
      expect(column('t')[i]).toBe((i % 200) - 100);
      expect(column('ut')[i]).toBe(i % 250);
      expect(column('us')[i]).toBe(i % 60000);
      expect(column('ui')[i]).toBe(i * 1000);
      expect(column('n')[i]).toBe(i % 1000 === 999 ? Number.NaN : 0 - i);
    }
  });

  it('reads whole results when several queries run on the session at once', async () => {
    const query = (k: number) => db.columnar(`SELECT CAST(i * ${k} AS DOUBLE) AS v FROM range(50000) t(i) ORDER BY i`);
    const [a, b, c] = await Promise.all([query(1), query(2), db.rows<{ n: number }>(`SELECT 1 AS n`).then(() => query(3))]);
    for (const [result, k] of [[a, 1], [b, 2], [c, 3]] as const) {
      expect(result.rowCount).toBe(50_000);
      expect(result.numbers('v')[49_999]).toBe(49_999 * k);
    }
  });

  it('refuses a type it does not read, a missing column and the wrong kind of column, by name', async () => {
    await expect(db.columnar(`SELECT DATE '2024-01-01' AS d`)).rejects.toThrow(/Column d has type DATE/);
    await expect(db.columnar(`SELECT [1.5] AS l`)).rejects.toThrow(/Column l has type DECIMAL\(2,1\)\[\]/);
    const result = await db.columnar(`SELECT CAST(1 AS DOUBLE) AS x, 'a' AS s`);
    expect(() => result.numbers('y')).toThrow(/no column y \(it has x, s\)/);
    expect(() => result.numbers('s')).toThrow(/text, not a number/);
    expect(() => result.texts('x')).toThrow(/a number, not text/);
  });
});

describe('DuckDbSession.numericChunks', () => {
  it('visits every row of a large numeric result once, in order, chunk by chunk, NULL as NaN, as often as asked', async () => {
    const rows = 100_003;
    const result = await db.numericChunks(`SELECT CAST(i AS INTEGER) AS n, CASE WHEN i % 1000 = 7 THEN NULL ELSE CAST(i * 0.5 AS DOUBLE) END AS half FROM range(${rows}) t(i) ORDER BY i`);
    expect(result.rowCount).toBe(rows);
    for (let pass = 0; pass < 2; pass += 1) {
      let seen = 0;
      let chunks = 0;
      result.forEach(([n, half], count, offset) => {
        expect(offset).toBe(seen);
        for (let i = 0; i < count; i += 1) {
          expect(n![i]).toBe(offset + i);
          if ((offset + i) % 1000 === 7) expect(half![i]).toBeNaN();
          else expect(half![i]).toBe((offset + i) * 0.5);
        }
        seen += count;
        chunks += 1;
      });
      expect(seen).toBe(rows);
      expect(chunks).toBeGreaterThan(1);
    }
  });

  it('refuses a text column', async () => {
    await expect(db.numericChunks(`SELECT 'a' AS s`)).rejects.toThrow(/numbers only/);
  });
});

describe("openDuckDb's memory limit", () => {
  it('takes SEGMENTS_DUCKDB_MEMORY_LIMIT when given no limit, and an explicit limit over it', async () => {
    const before = process.env.SEGMENTS_DUCKDB_MEMORY_LIMIT;
    process.env.SEGMENTS_DUCKDB_MEMORY_LIMIT = '300MiB';
    try {
      const limited = await openDuckDb();
      const explicit = await openDuckDb({ memoryLimit: '500MiB' });
      const limitOf = async (session: DuckDbSession) => (await session.rows<{ limit: string }>(`SELECT current_setting('memory_limit') AS "limit"`))[0]!.limit;
      expect(await limitOf(limited)).toMatch(/^(300\.0 MiB|314\.5 MB)$/);
      expect(await limitOf(explicit)).toMatch(/^(500\.0 MiB|524\.2 MB)$/);
      limited.close();
      explicit.close();
    } finally {
      if (before === undefined) delete process.env.SEGMENTS_DUCKDB_MEMORY_LIMIT;
      else process.env.SEGMENTS_DUCKDB_MEMORY_LIMIT = before;
    }
  });
});

describe('DuckDbSession.withMemoryLimit', () => {
  it('holds DuckDB to the limit during the work, moves table data out of memory, keeps it queryable, and restores the limit after, when the work throws too', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'duckdb-memory-limit-'));
    const session = await openDuckDb({ tempDirectory: dir, memoryLimit: '512MB' });
    const limit = async () => (await session.rows<{ v: string }>(`SELECT current_setting('memory_limit') AS v`))[0]!.v;
    const inMemory = async () =>
      Number((await session.rows<{ b: number }>(`SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS b FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`))[0]!.b);
    try {
      await session.run(`CREATE TABLE t AS SELECT i, md5(CAST(i AS VARCHAR)) AS s FROM range(2000000) r(i)`);
      const before = await limit();
      const resident = await inMemory();

      const during = await session.withMemoryLimit('32MB', async () => ({
        limit: await limit(),
        resident: await inMemory(),
        rows: (await session.rows<{ n: number }>(`SELECT CAST(count(DISTINCT s) AS INTEGER) AS n FROM t`))[0]!.n,
      }));
      const failing = session.withMemoryLimit('64MB', async () => {
        throw new Error('work failed');
      });

      expect(during.limit).not.toBe(before);
      expect(during.resident).toBeLessThanOrEqual(Math.min(resident / 2, 32 * 1024 * 1024));
      expect(during.rows).toBe(2_000_000);
      await expect(failing).rejects.toThrow('work failed');
      expect(await limit()).toBe(before);
    } finally {
      session.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
