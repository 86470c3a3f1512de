import type { Profile } from '../profile.js';
import { emailDomainClass } from './email-domain-class.js';
import type { ProfileContact } from './profile-contact.js';
import { tenureBucket } from './tenure-bucket.js';

/** The categorical features compared between seed and candidates, in vector order. */
export const LOOKALIKE_FEATURES = ['country', 'acquisition-channel', 'tenure', 'email-domain', 'phone'] as const;
export type LookalikeFeature = (typeof LOOKALIKE_FEATURES)[number];

/** One categorical value per LOOKALIKE_FEATURES entry; missing values are the level `unknown`. */
export type FeatureVector = readonly string[];

export function featureVector(profile: Profile, contact: ProfileContact, asOfEpochDay: number): FeatureVector {
  return [
    category(profile.country)?.toUpperCase() ?? 'unknown',
    category(profile.acquisitionChannel)?.toLowerCase() ?? 'unknown',
    tenureBucket(profile.signupDate, asOfEpochDay),
    emailDomainClass(contact.email),
    contact.phoneDigits === null ? 'absent' : 'present',
  ];
}

function category(raw: string | null): string | null {
  const trimmed = raw?.trim() ?? '';
  return trimmed.length === 0 ? null : trimmed;
}
