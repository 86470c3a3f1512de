import type { Profile } from '../profile.js';
import { contactHashes } from './contact-hashes.js';
import type { ContactHashes, PhoneHashFormat } from './contact-hashes.js';
import { featureVector } from './lookalike-features.js';
import type { FeatureVector } from './lookalike-features.js';
import { profileContact } from './profile-contact.js';

/** A profile with everything the audience build derives from it, computed once. */
export interface DescribedProfile<T extends Profile> {
  profile: T;
  vector: FeatureVector;
  hashes: ContactHashes;
}

export function describeProfile<T extends Profile>(
  profile: T,
  asOfEpochDay: number,
  phoneFormat: PhoneHashFormat,
): DescribedProfile<T> {
  const contact = profileContact(profile);
  return { profile, vector: featureVector(profile, contact, asOfEpochDay), hashes: contactHashes(contact, phoneFormat) };
}

export function hasContactHash({ hashes }: DescribedProfile<Profile>): boolean {
  return hashes.emailSha256 !== null || hashes.phoneSha256 !== null;
}
