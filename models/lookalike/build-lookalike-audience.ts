import type { Profile } from '../profile.js';
import type { PhoneHashFormat } from './contact-hashes.js';
import { candidatePool } from './candidate-pool.js';
import { describeProfile, hasContactHash } from './described-profile.js';
import type { DescribedProfile } from './described-profile.js';
import { requireEpochDay } from './epoch-day.js';
import { fitFromFeatureVectors } from './fit-lookalike-model.js';
import { holdoutLift } from './holdout-lift.js';
import { splitHoldout } from './holdout-split.js';
import type { LookalikeAudience, LookalikeAudienceRow } from './lookalike-audience.js';
import type { LookalikeCandidate } from './lookalike-candidate.js';
import { LookalikeInputError } from './lookalike-input-error.js';
import { byScoreThenId, compileLookalikeModel, similarityOf } from './score-candidates.js';

export interface LookalikeAudienceRequest {
  seed: readonly Profile[];
  candidates: readonly LookalikeCandidate[];
  /** ISO date at which tenure is measured. */
  asOf: string;
  /** Keep only the best `limit` rows; all when absent. */
  limit?: number;
  smoothing?: number;
  /** Phone hash for Meta (`digits`, the default) or Google (`e164`). */
  phoneHashFormat?: PhoneHashFormat;
}

const HOLDOUT_SHARE = 0.2;
const LIFT_TOP_SHARE = 0.1;

/** Ranks candidates outside the seed by naive-Bayes similarity to it, with hashed contacts only. */
export function buildLookalikeAudience(request: LookalikeAudienceRequest): LookalikeAudience {
  const { seed, candidates, asOf, limit, smoothing, phoneHashFormat = 'digits' } = request;
  const asOfDay = requireEpochDay(asOf, 'asOf');
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new LookalikeInputError(`limit must be a non-negative integer, got ${limit}`);
  }
  const describedSeed = seed.map((profile) => describeProfile(profile, asOfDay, phoneHashFormat));
  const pool = candidatePool(describedSeed, candidates, asOfDay, phoneHashFormat);
  const poolVectors = pool.candidates.map(({ vector }) => vector);
  const seedVectors = describedSeed.map(({ vector }) => vector);
  const model = fitFromFeatureVectors(seedVectors, [...poolVectors, ...seedVectors], { asOf, smoothing });

  const contactable = pool.candidates.filter(hasContactHash);
  const scoreOf = compileLookalikeModel(model);
  const ranked = contactable
    .map((described) => ({ described, id: described.profile.id, score: scoreOf(described.vector) }))
    .sort(byScoreThenId);
  const rows = ranked.slice(0, limit).map(({ described, score }, index): LookalikeAudienceRow => ({
    rank: index + 1,
    id: described.profile.id,
    score,
    similarity: similarityOf(model, score),
    source: described.profile.source,
    ...described.hashes,
  }));
  return {
    rows,
    model,
    holdoutLiftAtTop10: measureHoldoutLift(describedSeed, poolVectors, contactable, asOf, smoothing),
    counts: {
      seed: seed.length,
      candidates: candidates.length,
      duplicateCandidates: pool.duplicateCandidates,
      excludedAsSeed: pool.excludedAsSeed,
      droppedWithoutContact: pool.candidates.length - contactable.length,
      ranked: ranked.length,
      returned: rows.length,
    },
  };
}

function measureHoldoutLift(
  seed: readonly DescribedProfile<Profile>[],
  poolVectors: readonly (readonly string[])[],
  contactable: readonly DescribedProfile<LookalikeCandidate>[],
  asOf: string,
  smoothing: number | undefined,
): number | null {
  const seedById = seed.map((described) => ({ id: described.profile.id, described }));
  const { training, holdout } = splitHoldout(seedById, HOLDOUT_SHARE);
  if (training.length === 0 || holdout.length === 0 || contactable.length === 0) return null;
  const trainingVectors = training.map(({ described }) => described.vector);
  const model = fitFromFeatureVectors(trainingVectors, [...poolVectors, ...trainingVectors], { asOf, smoothing });
  const scoreOf = compileLookalikeModel(model);
  return holdoutLift(
    contactable.map(({ vector }) => scoreOf(vector)),
    holdout.map(({ described }) => scoreOf(described.vector)),
    LIFT_TOP_SHARE,
  );
}
