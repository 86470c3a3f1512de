import type { Profile } from '../profile.js';
import type { DescribedProfile } from './described-profile.js';
import { describeProfile } from './described-profile.js';
import type { PhoneHashFormat } from './contact-hashes.js';
import type { LookalikeCandidate } from './lookalike-candidate.js';

export interface CandidatePool {
  candidates: DescribedProfile<LookalikeCandidate>[];
  duplicateCandidates: number;
  excludedAsSeed: number;
}

/**
 * Candidates outside the seed, each id once (first occurrence kept). A candidate is in the seed
 * when it shares the id, the email hash or the phone hash of a seed member: a prospect record of
 * an existing seed customer should not be targeted as a lookalike.
 */
export function candidatePool(
  seed: readonly DescribedProfile<Profile>[],
  candidates: readonly LookalikeCandidate[],
  asOfEpochDay: number,
  phoneFormat: PhoneHashFormat,
): CandidatePool {
  const seedKeys = new Set<string>();
  for (const { profile, hashes } of seed) {
    seedKeys.add(`id:${profile.id}`);
    if (hashes.emailSha256 !== null) seedKeys.add(`email:${hashes.emailSha256}`);
    if (hashes.phoneSha256 !== null) seedKeys.add(`phone:${hashes.phoneSha256}`);
  }
  const seenIds = new Set<string>();
  const pool: CandidatePool = { candidates: [], duplicateCandidates: 0, excludedAsSeed: 0 };
  for (const candidate of candidates) {
    if (seenIds.has(candidate.id)) {
      pool.duplicateCandidates++;
      continue;
    }
    seenIds.add(candidate.id);
    const described = describeProfile(candidate, asOfEpochDay, phoneFormat);
    const { emailSha256, phoneSha256 } = described.hashes;
    const inSeed =
      seedKeys.has(`id:${candidate.id}`) ||
      (emailSha256 !== null && seedKeys.has(`email:${emailSha256}`)) ||
      (phoneSha256 !== null && seedKeys.has(`phone:${phoneSha256}`));
    if (inSeed) pool.excludedAsSeed++;
    else pool.candidates.push(described);
  }
  return pool;
}
