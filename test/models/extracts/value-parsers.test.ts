import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { trimSql } from '../../../models/extracts/value-parsers.js';

let db: DuckDbSession;
beforeAll(async () => {
  db = await openDuckDb();
});
afterAll(() => db.close());

describe('trimSql', () => {
  it('equals DuckDB trim with any code point before, after or on both sides of a value', async () => {
    // Arrange: every code point of the first three planes (surrogates excepted) around 'a', alone, and doubled.
    const shapes = [`chr(cp::INT) || 'a'`, `'a' || chr(cp::INT)`, `chr(cp::INT) || 'a' || chr(cp::INT)`, `chr(cp::INT)`, `chr(cp::INT) || chr(cp::INT)`];

    // Act
    const differences = await db.rows<{ shape: number; cp: number }>(
      shapes
        .map((shape, i) => `SELECT ${i} AS shape, CAST(cp AS INTEGER) AS cp FROM range(1, 196608) t(cp) WHERE cp NOT BETWEEN 55296 AND 57343 AND ${trimSql(`(${shape})`)} IS DISTINCT FROM trim(${shape})`)
        .join(' UNION ALL '),
    );

    // Assert
    expect(differences).toEqual([]);
  });

  it('equals trim on empty text, NULL, inner spaces and mixed text, and leaves untrimmed text as it is', async () => {
    // Arrange
    const values = ['', ' ', '  a b  ', 'a b', '\u00a0x\u3000', 'x\u00a0', 'é ', ' é', 'é', '\t a \t', 'a\r\n', '12.50', '  12.50'];

    // Act
    const rows = await db.rows<{ value: string | null; guarded: string | null; trimmed: string | null }>(
      `SELECT v AS value, ${trimSql('v')} AS guarded, trim(v) AS trimmed FROM (SELECT unnest([${values.map((v) => `'${v}'`).join(', ')}, NULL]) AS v)`,
    );

    // Assert
    expect(rows).toHaveLength(values.length + 1);
    for (const row of rows) expect(row.guarded).toBe(row.trimmed);
    expect(rows.find((row) => row.value === '\t a \t')?.guarded).toBe('\t a \t');
    expect(rows.find((row) => row.value === '  12.50')?.guarded).toBe('12.50');
  });
});
