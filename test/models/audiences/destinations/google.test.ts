import { describe, expect, it } from 'vitest';
import type { AudiencePerson } from '../../../../models/audiences/destinations/audience-destination.js';
import { googleDestination, googleEmail } from '../../../../models/audiences/destinations/google.js';
import { normalizeEmail } from '../../../../models/identity/normalize-email.js';

/*
 * Expected digests are the literal hex SHA-256 values Google publishes for its sample audience
 * members, raw input -> formatted -> hashed, in the Data Manager API guide "Send audience members":
 * https://developers.google.com/data-manager/api/devguides/audiences/send-audience-members
 * The Gmail rule (cloudy.sanfrancisco+shopping@gmail.com -> cloudysanfrancisco@gmail.com) is the
 * example of https://developers.google.com/data-manager/api/devguides/concepts/formatting
 */
const GOOGLE_EXAMPLES: readonly (readonly [raw: string, sha256: string])[] = [
  ['dana@example.com', '07e2f1394b0ea80e2adca010ea8318df697001a005ba7452720edda4b0ce57b3'],
  ['DanaM@example.com', '1df6b43bc68dd38eca94e6a65b4f466ae537b796c81a526918b40ac4a7b906c7'],
  ['ALEXF@example.com', '19de0a9906ebee29fe82087be5ec44f3c01e40730bc808b663c71f19dd6b12f2'],
  ['quinn@CYMBALGROUP.com', '05bb62526f091b45d20e243d194766cca8869137421047dc53fa4876d111a6f0'],
  ['cloudySanFrancisco@GMAIL.com', '223ebda6f6889b1494551ba902d9d381daf2f642bae055888e96343d53e9f9c4'],
  ['cloudy.sanfrancisco+shopping@gmail.com', '223ebda6f6889b1494551ba902d9d381daf2f642bae055888e96343d53e9f9c4'],
];
const GOOGLE_PHONE_EXAMPLES: readonly (readonly [raw: string, sha256: string])[] = [
  ['+1-800-555-0100', 'fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30'],
  ['+1 800-555-0101', '61d6c2976b5d92b1ad63073a12fddd26040cd980067d03a93dd1cc50f1a3ac68'],
  ['+1-800-555-0110', '525c2390a4e2a9766fa8ddc341dd10414603baebefa401f5a5e29f55e176525d'],
];

const person = (fields: Partial<AudiencePerson>): AudiencePerson => ({ id: 'p1', email: null, phone: null, country: null, ...fields });
const cellOf = (row: string[] | null, column: string): string | undefined => row?.[googleDestination.header({ valueBased: false }).indexOf(column)];
const options = { valueBased: false };

describe('googleDestination', () => {
  it("uses the Customer Match template's headers, value-based or not", () => {
    const header = ['Email', 'Phone', 'First Name', 'Last Name', 'Country', 'Zip'];

    expect(googleDestination.header({ valueBased: false })).toEqual(header);
    expect(googleDestination.header({ valueBased: true })).toEqual(header);
  });

  it.each(GOOGLE_EXAMPLES)("hashes Google's sample address %s to Google's published digest", (email, expected) => {
    // Act
    const row = googleDestination.row(person({ email }), options);

    // Assert
    expect(cellOf(row, 'Email')).toBe(expected);
  });

  it.each(GOOGLE_PHONE_EXAMPLES)("hashes Google's sample number %s, in E.164 with the +, to Google's published digest", (phone, expected) => {
    expect(cellOf(googleDestination.row(person({ phone }), options), 'Phone')).toBe(expected);
  });

  it('reads a national number in the person\'s country, given as a name, before hashing it in E.164', () => {
    const row = googleDestination.row(person({ phone: '(800) 555-0100', country: 'United States' }), options);

    expect(cellOf(row, 'Phone')).toBe(GOOGLE_PHONE_EXAMPLES[0]![1]);
  });

  it('hashes names lower-case without punctuation, and writes country and zip plain', () => {
    // Arrange
    const withAddress = person({ firstName: ' Mary-Ann ', lastName: 'SMITH Jr.', country: 'United States', zip: '94303-5300' });

    // Act
    const row = googleDestination.row(withAddress, options);

    // Assert: SHA-256 of "maryann" and "smith", computed with `printf '%s' maryann | sha256sum`.
    expect(cellOf(row, 'First Name')).toBe('16b3f07f0ec2f9dd127b71dc2e6c791b7d93116a1c3bc99d057eaa7a8a077e73');
    expect(cellOf(row, 'Last Name')).toBe('6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd');
    expect(cellOf(row, 'Country')).toBe('us');
    expect(cellOf(row, 'Zip')).toBe('94303');
  });

  it('drops a person with no email, phone or complete mailing address (names, country and zip together)', () => {
    expect(googleDestination.row(person({}), options)).toBeNull();
    expect(googleDestination.row(person({ firstName: 'Jane', lastName: 'Doe', country: 'GB' }), options)).toBeNull();
    expect(googleDestination.row(person({ firstName: 'Jane', lastName: 'Doe', zip: 'SW1A 1AA' }), options)).toBeNull();
    expect(googleDestination.row(person({ firstName: 'Jane', lastName: 'Doe', country: 'UK', zip: 'sw1a 1aa' }), options)).toEqual([
      '',
      '',
      expect.stringMatching(/^[0-9a-f]{64}$/),
      expect.stringMatching(/^[0-9a-f]{64}$/),
      'gb',
      'SW1A 1AA',
    ]);
  });
});

describe('googleEmail', () => {
  it('removes the dots and the +tag of a Gmail or Googlemail local part, and nothing elsewhere', () => {
    expect(googleEmail('cloudy.sanfrancisco+shopping@gmail.com')).toBe('cloudysanfrancisco@gmail.com');
    expect(googleEmail('First.Last+news@GoogleMail.com')).toBe('firstlast@googlemail.com');
    expect(googleEmail('user.name+NYC@Example.com')).toBe('user.name+nyc@example.com');
    expect(googleEmail('user.name+NYC@Example.com')).toBe(normalizeEmail('user.name+NYC@Example.com'));
  });

  it('returns null for an address that is not one, or a Gmail local part that is only a tag', () => {
    expect(googleEmail('not an email')).toBeNull();
    expect(googleEmail('+tag@gmail.com')).toBeNull();
  });
});
