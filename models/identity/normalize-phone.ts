import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';

/**
 * Phone number as E.164 digits with the country code and no `+`, symbols or national
 * trunk prefix (what Meta hashes), for example `442079460958`.
 * National numbers need `defaultCountry` (ISO 3166-1 alpha-2, any case); numbers written
 * with `+` or `00` and a country code do not. Returns null for anything that is not a
 * valid number for its country.
 */
export function normalizePhone(
  raw: string | null | undefined,
  defaultCountry?: string | null,
): string | null {
  const e164 = toE164(raw, defaultCountry);
  return e164 === null ? null : e164.slice(1);
}

/** The same number in E.164 with the leading `+` (what Google Customer Match hashes), for example `+442079460958`. */
export function toE164(
  raw: string | null | undefined,
  defaultCountry?: string | null,
): string | null {
  if (raw === null || raw === undefined || raw.trim().length === 0) return null;
  const parsed = parsePhoneNumberFromString(raw, supportedCountry(defaultCountry));
  return parsed !== undefined && parsed.isValid() ? parsed.number : null;
}

function supportedCountry(country: string | null | undefined): CountryCode | undefined {
  if (country === null || country === undefined) return undefined;
  const upper = country.trim().toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}
