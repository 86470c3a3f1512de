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
