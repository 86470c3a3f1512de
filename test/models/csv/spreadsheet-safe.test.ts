import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, csvLine, spreadsheetSafe, spreadsheetSafeSql } from '../../../models/csv/index.js';
import { openDuckDb, sqlString, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';

const HOSTILE: [string, string][] = [
  ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
  ["+cmd|' /C calc'!A0", `'+cmd|' /C calc'!A0`],
  ['-2+3+cmd|x', `'-2+3+cmd|x`],
  ['@SUM(1+1)', `'@SUM(1+1)`],
  ['\t=1+1', `'\t=1+1`],
  ['\r=1+1', `'\r=1+1`],
  ['-', `'-`],
  ['+', `'+`],
];
const PLAIN_NUMBERS = ['-12.50', '+3', '1e5', '-1.5E-3', '+.5', '-7.', '0', '42'];
const HARMLESS = ['c1', 'jane@example.com', 'a=b', 'x-1', ' =1', ''];

describe('spreadsheetSafe', () => {
  it.each(HOSTILE)('prefixes %j with a single quote', (value, expected) => {
    expect(spreadsheetSafe(value)).toBe(expected);
  });

  it.each(PLAIN_NUMBERS)('leaves the plain number %j as it is', (value) => {
    expect(spreadsheetSafe(value)).toBe(value);
  });

  it.each(HARMLESS)('leaves %j, which does not start with a trigger, as it is', (value) => {
    expect(spreadsheetSafe(value)).toBe(value);
  });
});

describe('csvCell', () => {
  it('quotes fields holding a quote, a comma or a line break, after the prefix', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('leaves plain values and numbers unquoted', () => {
    expect(csvCell('c1')).toBe('c1');
    expect(csvCell('-12.50')).toBe('-12.50');
  });

  it('joins a line of cells', () => {
    expect(csvLine(['@x', '1', 'a,b'])).toBe(`'@x,1,"a,b"`);
  });
});

describe('spreadsheetSafeSql', () => {
  let db: DuckDbSession;
  beforeAll(async () => {
    db = await openDuckDb();
  });
  afterAll(() => db.close());

  const inSql = async (value: string | null): Promise<string | null> => {
    const literal = value === null ? 'NULL::VARCHAR' : sqlString(value);
    const [row] = await db.rows<{ v: string | null }>(`SELECT ${spreadsheetSafeSql('x')} AS v FROM (SELECT ${literal} AS x)`);
    return row!.v;
  };

  it('escapes exactly what spreadsheetSafe escapes', async () => {
    for (const value of [...HOSTILE.map(([v]) => v), ...PLAIN_NUMBERS, ...HARMLESS]) {
      expect(await inSql(value), JSON.stringify(value)).toBe(spreadsheetSafe(value));
    }
  });

  it('keeps NULL', async () => {
    expect(await inSql(null)).toBeNull();
  });
});
