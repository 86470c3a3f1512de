import type { CandidateSource } from './lookalike-candidate.js';
import type { LookalikeModel } from './lookalike-model.js';

export interface LookalikeAudienceRow {
  /** 1-based, after ordering by score descending, then id. */
  rank: number;
  id: string;
  score: number;
  similarity: number;
  source: CandidateSource;
  emailSha256: string | null;
  phoneSha256: string | null;
}

export interface LookalikeAudienceCounts {
  seed: number;
  candidates: number;
  duplicateCandidates: number;
  /** Candidates sharing an id, email hash or phone hash with a seed member. */
  excludedAsSeed: number;
  /** Candidates with neither a valid email nor a valid phone: nothing to upload. */
  droppedWithoutContact: number;
  /** Contactable candidates ranked, before `limit`. */
  ranked: number;
  returned: number;
}

export interface LookalikeAudience {
  rows: LookalikeAudienceRow[];
  /** Fitted on the whole seed against candidates + seed. */
  model: LookalikeModel;
  /**
   * Share of held-out seed members (about 20%, left out of a second fit) ranking in the top 10%
   * of candidates, divided by the 10% chance would give. Above 1 means the features carry signal;
   * null when the seed is too small to hold any out or there are no candidates.
   */
  holdoutLiftAtTop10: number | null;
  counts: LookalikeAudienceCounts;
}
