import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import { countryCode } from './country-code.js';

/**
 * Phone number as E.164 digits with the country code and no `+`, symbols or national trunk
 * prefix (what Meta hashes), for example `442079460958`. See toE164 for what is accepted.
 */
export function normalizePhone(raw: string | null | undefined, defaultCountry?: string | null): string | null {
  const e164 = toE164(raw, defaultCountry);
  return e164 === null ? null : e164.slice(1);
}

/**
 * The number in E.164 with the leading `+` (what Google Customer Match hashes), for example
 * `+442079460958`, or null when it is not a valid number for its country. Accepted, in order:
 * - a national number read in `defaultCountry` (an ISO alpha-2 or alpha-3 code or an English
 *   country name such as "UK" or "United States", see countryCode);
 * - an international number written with `+`, or with the `00` international prefix
 *   (`0044 20 7946 0958`), with or without a default country;
 * - digits that start with the country code but lack the `+` (`1-234-567-8910`, the form in
 *   Meta's customer-list examples).
 */
export function toE164(raw: string | null | undefined, defaultCountry?: string | null): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  if (text.length === 0) return null;
  const national = parsePhoneNumberFromString(text, supportedCountry(defaultCountry));
  if (national?.isValid()) return national.number;
  if (text.startsWith('+')) return null;
  // The `00` international prefix, or digits that begin with the country code but lack the `+`.
  const international = parsePhoneNumberFromString(`+${text.replace(/^\D*00/u, '')}`);
  return international?.isValid() ? international.number : null;
}

function supportedCountry(country: string | null | undefined): CountryCode | undefined {
  const code = countryCode(country);
  return code !== null && isSupportedCountry(code) ? code : undefined;
}
