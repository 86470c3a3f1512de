import { countryCode } from '../../identity/country-code.js';
import { sha256Hex } from '../../identity/sha256-hex.js';
import type { AudiencePerson } from './audience-destination.js';

/** The person's country as an ISO alpha-2 code (`GB`), from a code or a name; null when unknown. */
export const personCountry = (person: AudiencePerson): string | null => countryCode(person.country);

/** A hashed column's cell: the SHA-256 hex of the normalised value, or empty when there is none. */
export const hashedCell = (normalized: string | null): string => (normalized === null ? '' : sha256Hex(normalized));

/**
 * Whether a person with these normalised identifiers can be matched: by email, by phone, or by
 * the mailing-address set (first and last name, country and postal code together, which Google
 * Customer Match requires for an address match and Meta matches on too).
 */
export function hasMatchableIdentifier(ids: {
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  country: string | null;
  zip: string | null;
}): boolean {
  return (
    ids.email !== null ||
    ids.phone !== null ||
    (ids.firstName !== null && ids.lastName !== null && ids.country !== null && ids.zip !== null)
  );
}
