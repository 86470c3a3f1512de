import { describe, expect, it } from 'vitest';
import { ConfigurationError, DEFAULT_SEGMENTS_CONFIG, declaredProfileColumns, parseSegmentsConfig } from '../../../models/config/index.js';
import { openDuckDb } from '../../../models/duckdb/duckdb-session.js';
import { consentSql, declaredColumnSql } from '../../../models/extracts/index.js';

describe('the profile section', () => {
  it('defaults to no declared columns and consent denied', () => {
    expect(DEFAULT_SEGMENTS_CONFIG.profile).toEqual({ columns: {}, consent: { default: 'denied' } });
  });

  it('declares extra columns with their types', () => {
    const config = parseSegmentsConfig(
      'profile:\n  columns:\n    web_sessions: { type: number }\n    product_interest: { type: category, description: From the web shop }\n  consent: { default: granted }\n',
      'segments.config.yaml',
    );
    expect(declaredProfileColumns(config.profile)).toEqual([
      { name: 'web_sessions', type: 'number' },
      { name: 'product_interest', type: 'category' },
    ]);
    expect(config.profile.consent.default).toBe('granted');
  });

  it('names the entry that is wrong: a header instead of a column name, a built-in column, an unknown type', () => {
    const attempt = (yaml: string) => {
      try {
        parseSegmentsConfig(yaml, 'segments.config.yaml');
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError);
        return (error as Error).message;
      }
    };
    expect(attempt('profile:\n  columns:\n    "Web Sessions": { type: number }\n')).toMatch(/profile\.columns\.Web Sessions: not a column name.*snake_case/);
    expect(attempt('profile:\n  columns:\n    country: { type: category }\n')).toMatch(/profile\.columns\.country: a built-in profile column/);
    expect(attempt('profile:\n  columns:\n    visits: { type: integer }\n')).toMatch(/profile\.columns\.visits\.type/);
    expect(attempt('profile:\n  consent: { default: maybe }\n')).toMatch(/profile\.consent\.default/);
  });
});

describe('reading declared columns', () => {
  it('types the text cells ingest kept, unknown when a cell does not parse, and applies the consent default', async () => {
    const db = await openDuckDb();
    try {
      await db.run(`CREATE TABLE p AS SELECT * FROM (VALUES
        ('a', '1,234.5', 'Yes', '2024-03-01', ' Garden ', true),
        ('b', 'many', 'nope', 'soon', NULL, NULL)) t(id, visits, newsletter, last_visit, interest, marketing_consent)`);
      const rows = await db.rows<Record<string, unknown>>(`SELECT id,
          ${declaredColumnSql({ name: 'visits', type: 'number' })} AS visits,
          ${declaredColumnSql({ name: 'newsletter', type: 'boolean' })} AS newsletter,
          strftime(${declaredColumnSql({ name: 'last_visit', type: 'date' })}, '%Y-%m-%d') AS last_visit,
          ${declaredColumnSql({ name: 'interest', type: 'category' }, 'p')} AS interest,
          ${consentSql('denied')} AS denied_default, ${consentSql('granted', 'p')} AS granted_default
        FROM p ORDER BY id`);
      expect(rows).toEqual([
        { id: 'a', visits: 1234.5, newsletter: true, last_visit: '2024-03-01', interest: 'Garden', denied_default: true, granted_default: true },
        { id: 'b', visits: null, newsletter: null, last_visit: null, interest: null, denied_default: false, granted_default: true },
      ]);
    } finally {
      db.close();
    }
  });
});
