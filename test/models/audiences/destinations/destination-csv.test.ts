import { describe, expect, it } from 'vitest';
import type { AudienceDestination, AudiencePerson } from '../../../../models/audiences/destinations/audience-destination.js';
import { toDestinationCsv } from '../../../../models/audiences/destinations/destination-csv.js';
import { DestinationFormatError } from '../../../../models/audiences/destinations/errors.js';
import { googleDestination } from '../../../../models/audiences/destinations/google.js';
import { metaDestination } from '../../../../models/audiences/destinations/meta.js';

const people: AudiencePerson[] = [
  { id: 'c1', email: ' Jane.Doe@Example.com ', phone: '020 7946 0958', country: 'United Kingdom', firstName: 'Jane', lastName: 'Doe', zip: 'SW1A 1AA', value: 812.456 },
  { id: 'c2', email: null, phone: '0044 20 7946 0959', country: null, value: 12 },
  { id: 'c3', email: 'not-an-address', phone: 'n/a', country: 'GB' },
  { id: 'c4', email: 'zoë@example.de', phone: null, country: 'Deutschland', zip: '10115' },
];

describe('toDestinationCsv', () => {
  it('writes the header, one row per person with an identifier, and counts the people left out', () => {
    // Act
    const meta = toDestinationCsv(metaDestination, people, { valueBased: true });
    const lines = meta.csv.split('\n');

    // Assert
    expect(meta.rows).toBe(3);
    expect(meta.droppedWithoutIdentifiers).toBe(1);
    expect(lines[0]).toBe('email,phone,fn,ln,zip,country,value');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
    expect(lines[1]!.split(',').at(-1)).toBe('812.46');
    expect(lines.slice(1, 4).every((line) => line.split(',').length === 7)).toBe(true);
  });

  it('writes the Google file with plain country and zip', () => {
    const google = toDestinationCsv(googleDestination, people, { valueBased: false });
    const [header, first, , third] = google.csv.split('\n');

    expect(header).toBe('Email,Phone,First Name,Last Name,Country,Zip');
    expect(first!.split(',').slice(4)).toEqual(['gb', 'SW1A 1AA']);
    expect(third!.split(',').slice(4)).toEqual(['de', '10115']);
  });

  it('lets no raw email, phone or name into either file, nor the postal code into Meta\'s (Google wants it plain)', () => {
    const raw = { meta: ['jane', 'doe', 'example', '7946', '0958', 'zo', 'sw1a', '10115'], google: ['jane', 'doe', 'example', '7946', '0958', 'zo'] };

    for (const destination of [metaDestination, googleDestination]) {
      const { csv } = toDestinationCsv(destination, people, { valueBased: true });
      const body = csv.toLowerCase().split('\n').slice(1).join('\n').replaceAll(/[0-9a-f]{64}/g, '');
      expect(raw[destination.id].filter((text) => body.includes(text)), destination.id).toEqual([]);
    }
  });

  it('quotes cells as RFC 4180 says', () => {
    const quoting: AudienceDestination = {
      id: 'meta',
      name: 'test',
      documentation: 'https://example.com',
      header: () => ['a', 'b'],
      row: (person) => [person.id, 'x'],
    };

    const { csv } = toDestinationCsv(quoting, [{ id: 'say "hi", then\nleave', email: null, phone: null, country: null }], { valueBased: false });

    expect(csv).toBe('a,b\n"say ""hi"", then\nleave",x\n');
  });

  it('refuses a row whose hashed column holds something other than a SHA-256 digest', () => {
    const leaky: AudienceDestination = { ...metaDestination, row: (person) => [person.email ?? '', '', '', '', '', ''] };

    expect(() => toDestinationCsv(leaky, [{ id: 'c9', email: 'jane@example.com', phone: null, country: null }], { valueBased: false })).toThrow(
      DestinationFormatError,
    );
  });

  it('refuses a row with more or fewer cells than the header', () => {
    const short: AudienceDestination = { ...googleDestination, row: () => ['', ''] };

    expect(() => toDestinationCsv(short, people, { valueBased: false })).toThrow(/has 2 cells for 6 columns/);
  });

  it('writes only the header for an empty audience', () => {
    expect(toDestinationCsv(googleDestination, [], { valueBased: false })).toEqual({
      csv: 'Email,Phone,First Name,Last Name,Country,Zip\n',
      rows: 0,
      droppedWithoutIdentifiers: 0,
    });
  });
});
