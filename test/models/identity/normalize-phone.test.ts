import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone, toE164 } from '../../../models/identity/normalize-phone.js';

describe('normalizePhone', () => {
  it('turns a national number with a default country into digits with the country code', () => {
    // Arrange
    const raw = '020 7946 0958';

    // Act
    const digits = normalizePhone(raw, 'GB');

    // Assert
    expect(digits).toBe('442079460958');
  });

  it.each([
    ['+44 20 7946 0958', undefined, '442079460958'],
    ['+44 (0)20 7946 0958', undefined, '442079460958'],
    ['0044 20 7946 0958', 'GB', '442079460958'],
    ['(415) 555-2671', 'US', '14155552671'],
    ['+1 415-555-2671', 'gb', '14155552671'],
    ['020 7946 0958', ' gb ', '442079460958'],
    ['0044 20 7946 0958', undefined, '442079460958'],
    ['0044 20 7946 0958', 'US', '442079460958'],
    ['00 44 (0)20 7946 0958', null, '442079460958'],
    ['1-234-567-8910', undefined, '12345678910'],
    ['12345678910', null, '12345678910'],
    ['+44 844 412 4653', undefined, '448444124653'],
    ['020 7946 0958', 'UK', '442079460958'],
    ['020 7946 0958', 'United Kingdom', '442079460958'],
    ['020 7946 0958', 'GBR', '442079460958'],
    ['(415) 555-2671', 'USA', '14155552671'],
    ['(415) 555-2671', 'United States', '14155552671'],
    ['030 123456', 'Deutschland', '4930123456'],
    ['44 20 7946 0958', 'US', '442079460958'],
  ])('normalises %s (default country %s)', (raw, country, expected) => {
    expect(normalizePhone(raw, country)).toBe(expected);
  });

  it.each([
    ['a national number without a country', '020 7946 0958', undefined],
    ['a national number with an unknown country', '020 7946 0958', 'Atlantis'],
    ['too few digits', '12345', 'GB'],
    ['letters', 'call me', 'GB'],
    ['empty', '  ', 'GB'],
    ['an unassigned country code', '+999 123 456', undefined],
    ['a 00 prefix before an unassigned country code', '00999 123 456', undefined],
    ['a national number with a country that has no numbering plan here', '020 7946 0958', 'Antarctica'],
  ])('returns null for %s', (_case, raw, country) => {
    expect(normalizePhone(raw, country)).toBeNull();
  });

  it('returns null for null', () => {
    expect(normalizePhone(null, 'GB')).toBeNull();
  });
});

describe('toE164', () => {
  it('formats with a leading plus', () => {
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('is idempotent, and the digits form is E.164 without the plus', () => {
    const nationalLondonNumber = fc
      .integer({ min: 0, max: 9999 })
      .map((n) => `020 7946 ${String(n).padStart(4, '0')}`);
    fc.assert(
      fc.property(fc.oneof(nationalLondonNumber, fc.string()), (raw) => {
        const e164 = toE164(raw, 'GB');
        if (e164 === null) return;
        expect(toE164(e164)).toBe(e164);
        expect(e164).toMatch(/^\+[1-9]\d{6,14}$/);
        expect(normalizePhone(raw, 'GB')).toBe(e164.slice(1));
      }),
    );
  });
});
