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

  it('refuses a type it does not read, a missing column and the wrong kind of column, by name', async () => {
    await expect(db.columnar(`SELECT DATE '2024-01-01' AS d`)).rejects.toThrow(/Column d has type DATE/);
    const result = await db.columnar(`SELECT CAST(1 AS DOUBLE) AS x, 'a' AS s`);
    expect(() => result.numbers('y')).toThrow(/no column y \(it has x, s\)/);
    expect(() => result.numbers('s')).toThrow(/text, not a number/);
    expect(() => result.texts('x')).toThrow(/a number, not text/);
  });
});
