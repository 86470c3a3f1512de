export { countryCode } from './country-code.js';
export { COUNTRY_ALIASES, ISO_3166_COUNTRIES, type CountryRow } from './iso-3166-countries.js';
export { normalizeEmail } from './normalize-email.js';
export { normalizeName, type NameSpacing } from './normalize-name.js';
export { normalizePhone, toE164 } from './normalize-phone.js';
export { normalizeZip, ukPostcodeSector } from './normalize-zip.js';
export { isSha256Hex, sha256Hex } from './sha256-hex.js';
