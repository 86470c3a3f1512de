import { describe, expect, it } from 'vitest';
import type { AudiencePerson } from '../../../../models/audiences/destinations/audience-destination.js';
import { metaDestination } from '../../../../models/audiences/destinations/meta.js';

/*
 * Expected digests are the literal "Expected SHA256 output" values Meta publishes for its worked
 * examples (customer information parameters of the Conversions API, which uses the same
 * normalisation as customer lists):
 * https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters
 *   em  John_Smith@gmail.com -> john_smith@gmail.com -> 62a14e44…0f62f
 *   ph  (650)555-1212 (US)   -> 16505551212          -> e323ec62…b3176
 *   fn  Mary                 -> mary                 -> 6915771b…49f4ec
 *   fn  Valéry               -> valéry (UTF-8, NFC)  -> 08e1996b…417149c
 *   fn  정                    -> 정                    -> 8fa8cd9c…51db14
 *   country  United States   -> us                   -> 79adb2a2…904621
 */
const META_EXAMPLES = {
  email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
  phone: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
  mary: '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec',
  valery: '08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c',
  jeong: '8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14',
  us: '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621',
};

const person = (fields: Partial<AudiencePerson>): AudiencePerson => ({ id: 'p1', email: null, phone: null, country: null, ...fields });
const cellOf = (row: string[] | null, column: string, valueBased = false): string | undefined =>
  row?.[metaDestination.header({ valueBased }).indexOf(column)];

describe('metaDestination', () => {
  it("uses Meta's customer-list column names, with value only for value-based audiences", () => {
    expect(metaDestination.header({ valueBased: false })).toEqual(['email', 'phone', 'fn', 'ln', 'zip', 'country']);
    expect(metaDestination.header({ valueBased: true })).toEqual(['email', 'phone', 'fn', 'ln', 'zip', 'country', 'value']);
  });

  it("hashes Meta's published examples to Meta's published digests", () => {
    // Arrange
    const example = person({ email: 'John_Smith@gmail.com', phone: '(650)555-1212', country: 'United States', firstName: 'Mary' });

    // Act
    const row = metaDestination.row(example, { valueBased: false });

    // Assert
    expect(cellOf(row, 'email')).toBe(META_EXAMPLES.email);
    expect(cellOf(row, 'phone')).toBe(META_EXAMPLES.phone);
    expect(cellOf(row, 'fn')).toBe(META_EXAMPLES.mary);
    expect(cellOf(row, 'country')).toBe(META_EXAMPLES.us);
  });

  it("hashes accented and non-Latin first names as Meta's examples do, whatever the Unicode form typed", () => {
    const withEmail = { email: 'x@example.com' };
    const nfd = metaDestination.row(person({ ...withEmail, firstName: 'Valéry'.normalize('NFD') }), { valueBased: false });
    const nfc = metaDestination.row(person({ ...withEmail, firstName: 'Valéry'.normalize('NFC') }), { valueBased: false });
    const hangul = metaDestination.row(person({ ...withEmail, firstName: '정' }), { valueBased: false });

    expect(cellOf(nfd, 'fn')).toBe(META_EXAMPLES.valery);
    expect(cellOf(nfc, 'fn')).toBe(META_EXAMPLES.valery);
    expect(cellOf(hangul, 'fn')).toBe(META_EXAMPLES.jeong);
  });

  it('hashes the phone as digits with the country code and no +, however it was written', () => {
    const phones = ['+1 (650) 555-1212', '1-650-555-1212', '001 650 555 1212', '(650) 555-1212'];

    const cells = phones.map((phone) => cellOf(metaDestination.row(person({ phone, country: 'USA' }), { valueBased: false }), 'phone'));

    expect(cells).toEqual(phones.map(() => META_EXAMPLES.phone));
  });

  it('reads the country from a code or a name and hashes its lower-case alpha-2 code', () => {
    const countries = ['US', 'us', 'USA', 'United States', 'United States of America', 'U.S.A.'];

    const cells = countries.map((country) => cellOf(metaDestination.row(person({ email: 'a@example.com', country }), { valueBased: false }), 'country'));

    expect(cells).toEqual(countries.map(() => META_EXAMPLES.us));
  });

  it('hashes a US ZIP+4 as its 5 digits and a UK postcode as its sector, lower case without spaces', () => {
    const us = metaDestination.row(person({ email: 'a@example.com', country: 'US', zip: '94303-5300' }), { valueBased: false });
    const uk = metaDestination.row(person({ email: 'a@example.com', country: 'UK', zip: 'SW1A 1AA' }), { valueBased: false });

    // SHA-256 of "94303" and of "sw1a1", computed with `printf '%s' 94303 | sha256sum`.
    expect(cellOf(us, 'zip')).toBe('dbc44237b6c2015598a867bb304d3740130e32bde3b7f55bdabf61874a1659a9');
    expect(cellOf(uk, 'zip')).toBe('949af780a19e6f6d4b99d7044743348dbbb7ab2245fe146863573b23d02c5890');
  });

  it('writes the predicted value as a plain number, and 0 when there is none', () => {
    const valueOf = (value: number | null | undefined): string | undefined =>
      cellOf(metaDestination.row(person({ email: 'a@example.com', value }), { valueBased: true }), 'value', true);

    expect(valueOf(1234.5678)).toBe('1234.57');
    expect(valueOf(35)).toBe('35');
    expect(valueOf(0.004)).toBe('0');
    expect(valueOf(null)).toBe('0');
    expect(valueOf(undefined)).toBe('0');
    expect(valueOf(-3)).toBe('0');
    expect(valueOf(Number.NaN)).toBe('0');
  });

  it('leaves identifiers it does not have empty', () => {
    const row = metaDestination.row(person({ email: 'a@example.com' }), { valueBased: false });

    expect(row).toHaveLength(6);
    expect(row!.slice(1)).toEqual(['', '', '', '', '']);
  });

  it('drops a person with no email, phone or full mailing address', () => {
    const options = { valueBased: false };

    expect(metaDestination.row(person({}), options)).toBeNull();
    expect(metaDestination.row(person({ email: 'not an email', phone: '12', country: 'GB' }), options)).toBeNull();
    expect(metaDestination.row(person({ firstName: 'Jane', lastName: 'Doe', country: 'GB' }), options)).toBeNull();
    expect(metaDestination.row(person({ firstName: 'Jane', lastName: 'Doe', country: 'GB', zip: 'SW1A 1AA' }), options)).not.toBeNull();
  });
});
