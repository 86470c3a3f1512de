import type { Profile } from '../profile.js';

export type CandidateSource = 'prospect' | 'customer';

/** A profile that may be added to a lookalike audience, and where it comes from. */
export interface LookalikeCandidate extends Profile {
  source: CandidateSource;
}
