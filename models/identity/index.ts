export { normalizeEmail } from './normalize-email.js';
export { normalizePhone, toE164 } from './normalize-phone.js';
export { isSha256Hex, sha256Hex } from './sha256-hex.js';
