import { sha256Hex } from '../identity/sha256-hex.js';
import type { ProfileContact } from './profile-contact.js';

/** Meta hashes phone digits with the country code and no `+`; Google hashes E.164 with the `+`. */
export type PhoneHashFormat = 'digits' | 'e164';

export interface ContactHashes {
  emailSha256: string | null;
  phoneSha256: string | null;
}

export function contactHashes(contact: ProfileContact, phoneFormat: PhoneHashFormat): ContactHashes {
  const phone = contact.phoneDigits === null ? null : phoneFormat === 'e164' ? `+${contact.phoneDigits}` : contact.phoneDigits;
  return {
    emailSha256: contact.email === null ? null : sha256Hex(contact.email),
    phoneSha256: phone === null ? null : sha256Hex(phone),
  };
}
