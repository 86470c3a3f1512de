import { normalizeEmail } from '../identity/normalize-email.js';
import { normalizePhone } from '../identity/normalize-phone.js';
import type { Profile } from '../profile.js';

/** A profile's contact details, normalised for matching: null where missing or invalid. */
export interface ProfileContact {
  email: string | null;
  /** E.164 digits without `+`; national numbers are read in the profile's country. */
  phoneDigits: string | null;
}

export function profileContact(profile: Profile): ProfileContact {
  return {
    email: normalizeEmail(profile.email),
    phoneDigits: normalizePhone(profile.phone, profile.country),
  };
}

export function hasContact(contact: ProfileContact): boolean {
  return contact.email !== null || contact.phoneDigits !== null;
}
