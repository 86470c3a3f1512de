import { COUNTRY_ALIASES, ISO_3166_COUNTRIES } from './iso-3166-countries.js';

let byKey: ReadonlyMap<string, string> | undefined;

/**
 * The ISO 3166-1 alpha-2 code (upper case, for example `GB`) of a country given as an alpha-2 or
 * alpha-3 code, an English name ("United Kingdom", "Korea, Republic of", "South Korea"), a usual
 * abbreviation ("UK", "U.S.A.") or one of the endonyms in COUNTRY_ALIASES ("Deutschland"); case,
 * accents, punctuation and a leading "the" do not matter. Null when empty or not recognised.
 */
export function countryCode(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const key = countryKey(raw);
  return key.length === 0 ? null : (lookup().get(key) ?? null);
}

function lookup(): ReadonlyMap<string, string> {
  if (byKey !== undefined) return byKey;
  const map = new Map<string, string>();
  // Codes first, so that a name can never shadow a code (no name is also another country's code).
  for (const [alpha2, alpha3] of ISO_3166_COUNTRIES) {
    map.set(countryKey(alpha2), alpha2);
    map.set(countryKey(alpha3), alpha2);
  }
  for (const [alpha2, , ...names] of ISO_3166_COUNTRIES) {
    for (const name of names) if (!map.has(countryKey(name))) map.set(countryKey(name), alpha2);
  }
  for (const [alias, alpha2] of Object.entries(COUNTRY_ALIASES)) map.set(countryKey(alias), alpha2);
  byKey = map;
  return map;
}

/** "Côte d’Ivoire", "COTE D'IVOIRE" and "cote divoire" share one key; so do "U.S.A." and "usa". */
function countryKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/[.'’`]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /u, '');
}
