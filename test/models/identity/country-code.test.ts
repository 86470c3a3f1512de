import { describe, expect, it } from 'vitest';
import { countryCode } from '../../../models/identity/country-code.js';
import { COUNTRY_ALIASES, ISO_3166_COUNTRIES } from '../../../models/identity/iso-3166-countries.js';

describe('countryCode', () => {
  it.each([
    ['GB', 'GB'],
    ['gb', 'GB'],
    [' gb ', 'GB'],
    ['GBR', 'GB'],
    ['United Kingdom', 'GB'],
    ['UNITED KINGDOM', 'GB'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GB'],
    ['UK', 'GB'],
    ['U.K.', 'GB'],
    ['England', 'GB'],
    ['US', 'US'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['United States', 'US'],
    ['United States of America', 'US'],
    ['the United States', 'US'],
    ['Deutschland', 'DE'],
    ['DEU', 'DE'],
    ['Germany', 'DE'],
    ['Korea, Republic of', 'KR'],
    ['South Korea', 'KR'],
    ["Côte d'Ivoire", 'CI'],
    ['COTE D’IVOIRE', 'CI'],
    ['Ivory Coast', 'CI'],
    ['Bosnia & Herzegovina', 'BA'],
    ['Türkiye', 'TR'],
    ['Turkey', 'TR'],
    ['Viet Nam', 'VN'],
    ['Vietnam', 'VN'],
    ['Holland', 'NL'],
    ['The Netherlands', 'NL'],
    ['Czechia', 'CZ'],
    ['Czech Republic', 'CZ'],
  ])('reads %s as %s', (raw, expected) => {
    expect(countryCode(raw)).toBe(expected);
  });

  it.each([['Atlantis'], [''], ['   '], ['XX'], ['ZZZ'], ['United']])('returns null for %j', (raw) => {
    expect(countryCode(raw)).toBeNull();
  });

  it('returns null for null and undefined', () => {
    expect(countryCode(null)).toBeNull();
    expect(countryCode(undefined)).toBeNull();
  });

  it('reads every code and name of the table back as its own alpha-2 code', () => {
    const misread = ISO_3166_COUNTRIES.flatMap(([alpha2, alpha3, ...names]) =>
      [alpha2, alpha3, ...names].filter((text) => countryCode(text) !== alpha2).map((text) => `${text} -> ${countryCode(text)} (want ${alpha2})`),
    );

    expect(misread).toEqual([]);
  });
});

describe('the ISO 3166-1 table', () => {
  it('holds the 249 officially assigned countries, each code once and well formed', () => {
    const alpha2 = ISO_3166_COUNTRIES.map(([code]) => code);
    const alpha3 = ISO_3166_COUNTRIES.map(([, code]) => code);

    expect(ISO_3166_COUNTRIES).toHaveLength(249);
    expect(new Set(alpha2).size).toBe(249);
    expect(new Set(alpha3).size).toBe(249);
    expect(alpha2.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(alpha3.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
    expect(ISO_3166_COUNTRIES.every((row) => row.length >= 3)).toBe(true);
  });

  it('maps every alias to a code of the table', () => {
    const known = new Set(ISO_3166_COUNTRIES.map(([code]) => code));

    expect(Object.entries(COUNTRY_ALIASES).filter(([, code]) => !known.has(code))).toEqual([]);
  });
});
