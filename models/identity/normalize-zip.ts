const US_ZIP = /^(\d{5})(?:-?\d{4})?$/u;
/** Postal codes are letters and digits, with spaces or hyphens, at most 10 characters in any country. */
const POSTAL_CODE = /^[A-Z\d](?:[A-Z\d -]{0,8}[A-Z\d])?$/u;
const UK_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d)([A-Z]{2})$/u;

/**
 * A postal code as written in a customer list: trimmed, upper-case, single spaces; a US ZIP+4
 * cut to its 5 digits (both Meta and Google Customer Match match on the 5-digit ZIP). `country`
 * is the person's ISO alpha-2 code, or null when unknown. Null when empty or not shaped like a
 * postal code (so no free text reaches the unhashed Zip column of a Google file).
 */
export function normalizeZip(raw: string | null | undefined, country: string | null): string | null {
  if (raw === null || raw === undefined) return null;
  const zip = raw.normalize('NFC').trim().toUpperCase().replace(/\s+/gu, ' ');
  if (!POSTAL_CODE.test(zip)) return null;
  if (country === 'US') return US_ZIP.exec(zip)?.[1] ?? zip;
  return zip;
}

/**
 * A UK postcode cut to its area, district and sector ("SW1A 1AA" -> "SW1A 1"), the form Meta asks
 * for UK postcodes; null when the text is not a UK postcode.
 */
export function ukPostcodeSector(zip: string): string | null {
  const match = UK_POSTCODE.exec(zip.toUpperCase().replace(/\s+/gu, ' ').trim());
  return match === null ? null : `${match[1]} ${match[2]}`;
}
