import { normalizeEmail } from '../../identity/normalize-email.js';
import { normalizeName } from '../../identity/normalize-name.js';
import { normalizePhone } from '../../identity/normalize-phone.js';
import { normalizeZip, ukPostcodeSector } from '../../identity/normalize-zip.js';
import type { AudienceDestination, AudiencePerson, DestinationOptions } from './audience-destination.js';
import { hashedCell, hasMatchableIdentifier, personCountry } from './person-identifiers.js';

/*
 * Meta custom audience from a customer list, uploaded pre-hashed:
 * - column headers (email, phone, fn, ln, zip, country, value):
 *   https://www.facebook.com/business/help/2082575038703844
 * - normalisation and SHA-256 of every identifier, country included ("COUNTRY: lowercase,
 *   2-letter ISO 3166-1 alpha-2 codes; hashing required"; "ZIP: lowercase, no white space, US:
 *   first 5 digits, UK: Area/District/Sector"; "FN/LN: lowercase, no punctuation, special
 *   characters in UTF-8"): https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences
 *   (Meta's own SDK does the same: facebook-php-business-sdk, CustomAudienceNormalizers/
 *   CountryNormalizer.php then HashNormalizer.php);
 * - the worked examples tested here (John_Smith@gmail.com, (650)555-1212, Mary, Valéry, us):
 *   https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters
 * - the value column of value-based audiences, plain decimal or whole numbers:
 *   https://www.facebook.com/business/help/1033094474356222
 */
const IDENTIFIER_COLUMNS = ['email', 'phone', 'fn', 'ln', 'zip', 'country'];
const VALUE_COLUMN = 'value';

export const metaDestination: AudienceDestination = {
  id: 'meta',
  name: 'Meta custom audience (customer list)',
  documentation: 'https://www.facebook.com/business/help/2082575038703844',
  hashedColumns: IDENTIFIER_COLUMNS,
  header: (options: DestinationOptions) => (options.valueBased ? [...IDENTIFIER_COLUMNS, VALUE_COLUMN] : [...IDENTIFIER_COLUMNS]),
  row(person: AudiencePerson, options: DestinationOptions): string[] | null {
    const country = personCountry(person);
    const ids = {
      email: normalizeEmail(person.email),
      phone: normalizePhone(person.phone, person.country),
      firstName: normalizeName(person.firstName, 'first', 'no-spaces'),
      lastName: normalizeName(person.lastName, 'last', 'no-spaces'),
      country: country?.toLowerCase() ?? null,
      zip: metaZip(person.zip, country),
    };
    if (!hasMatchableIdentifier(ids)) return null;
    const cells = [ids.email, ids.phone, ids.firstName, ids.lastName, ids.zip, ids.country].map(hashedCell);
    return options.valueBased ? [...cells, metaValue(person.value)] : cells;
  },
};

/** Lower case without spaces; US ZIP+4 cut to 5 digits; a UK postcode cut to its sector ("SW1A 1AA" -> "sw1a1"). */
function metaZip(raw: string | null | undefined, country: string | null): string | null {
  const zip = normalizeZip(raw, country);
  if (zip === null) return null;
  const sector = country === 'GB' ? ukPostcodeSector(zip) : null;
  return (sector ?? zip).toLowerCase().replaceAll(' ', '');
}

/**
 * The customer value as a plain number with at most two decimals. Meta wants a number in every
 * row of a value-based list, so a person without a predicted value (or with a negative one) is
 * written as 0: no value to optimise for.
 */
function metaValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return '0';
  return String(Math.round(value * 100) / 100);
}
