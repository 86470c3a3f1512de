import { normalizeEmail } from '../../identity/normalize-email.js';
import { normalizeName } from '../../identity/normalize-name.js';
import { toE164 } from '../../identity/normalize-phone.js';
import { normalizeZip } from '../../identity/normalize-zip.js';
import type { AudienceDestination, AudiencePerson } from './audience-destination.js';
import { hashedCell, hasMatchableIdentifier, personCountry } from './person-identifiers.js';

/*
 * Google Ads Customer Match customer data file, uploaded pre-hashed:
 * - the template's headers (Email, Phone, First Name, Last Name, Country, Zip), English and exact;
 *   email, phone and names SHA-256 hashed; Country and Zip not hashed; an address match needs
 *   First Name, Last Name, Country and Zip together:
 *   https://support.google.com/google-ads/answer/7659867 and https://support.google.com/google-ads/answer/7476159
 *   (the template itself writes the country as a lower-case ISO code, `us`, and the zip as typed, `WC2H 8LG`);
 * - normalisation (lower case; gmail.com and googlemail.com addresses without the dots and the
 *   `+tag` of their local part; phone in E.164 with the `+`; names without prefixes or suffixes):
 *   https://developers.google.com/data-manager/api/devguides/concepts/formatting
 * - the worked examples tested here (dana@example.com, DanaM@example.com, cloudySanFrancisco@GMAIL.com,
 *   +1-800-555-0100 with their hex SHA-256): https://developers.google.com/data-manager/api/devguides/audiences/send-audience-members
 */
const HEADER = ['Email', 'Phone', 'First Name', 'Last Name', 'Country', 'Zip'];
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export const googleDestination: AudienceDestination = {
  id: 'google',
  name: 'Google Ads Customer Match (customer data file)',
  documentation: 'https://support.google.com/google-ads/answer/7659867',
  hashedColumns: ['Email', 'Phone', 'First Name', 'Last Name'],
  header: () => [...HEADER],
  row(person: AudiencePerson): string[] | null {
    const country = personCountry(person);
    const ids = {
      email: googleEmail(person.email),
      phone: toE164(person.phone, person.country),
      firstName: normalizeName(person.firstName, 'first', 'single-spaces'),
      lastName: normalizeName(person.lastName, 'last', 'single-spaces'),
      country: country?.toLowerCase() ?? null,
      zip: normalizeZip(person.zip, country),
    };
    if (!hasMatchableIdentifier(ids)) return null;
    return [
      hashedCell(ids.email),
      hashedCell(ids.phone),
      hashedCell(ids.firstName),
      hashedCell(ids.lastName),
      ids.country ?? '',
      ids.zip ?? '',
    ];
  },
};

/** The normalised address, and for Gmail the local part without dots and `+tag`, as Google asks. */
export function googleEmail(raw: string | null | undefined): string | null {
  const email = normalizeEmail(raw);
  if (email === null) return null;
  const at = email.indexOf('@');
  const domain = email.slice(at + 1);
  if (!GMAIL_DOMAINS.has(domain)) return email;
  const localPart = email.slice(0, at).split('+')[0]!.replaceAll('.', '');
  return localPart.length === 0 ? null : `${localPart}@${domain}`;
}
