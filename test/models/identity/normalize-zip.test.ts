import { describe, expect, it } from 'vitest';
import { normalizeZip, ukPostcodeSector } from '../../../models/identity/normalize-zip.js';

describe('normalizeZip', () => {
  it.each([
    ['94016', 'US', '94016'],
    ['94303-5300', 'US', '94303'],
    ['943035300', 'US', '94303'],
    [' wc2h  8lg ', 'GB', 'WC2H 8LG'],
    ['10115', 'DE', '10115'],
    ['101300', 'CN', '101300'],
    ['94303-5300', null, '94303-5300'],
  ])('writes %j (country %s) as %j', (raw, country, expected) => {
    expect(normalizeZip(raw, country)).toBe(expected);
  });

  it.each([[null], [undefined], [''], ['  '], ['jane@example.com'], ['=HYPERLINK(1)'], ['12345678901234']])(
    'returns null for %j, which is not a postal code',
    (raw) => {
      expect(normalizeZip(raw, 'US')).toBeNull();
    },
  );
});

describe('ukPostcodeSector', () => {
  it.each([
    ['SW1A 1AA', 'SW1A 1'],
    ['sw1a1aa', 'SW1A 1'],
    ['M1 1AE', 'M1 1'],
    ['B33 8TH', 'B33 8'],
    ['CR2 6XH', 'CR2 6'],
    ['DN55 1PT', 'DN55 1'],
  ])('cuts %s to its sector %s', (raw, expected) => {
    expect(ukPostcodeSector(raw)).toBe(expected);
  });

  it('returns null for a code that is not a UK postcode', () => {
    expect(ukPostcodeSector('94016')).toBeNull();
  });
});
