import { AudienceInputError } from '../errors.js';
import type { FeatureTable } from '../features/feature-table.js';
import { HELD_OUT_SHARE, heldOutQuality, isHeldOut, type HeldOutQuality } from './held-out-recall.js';
import { SIMILARITY_FAMILIES } from './registry.js';
import type { FittedSimilarity, SimilarityFamily } from './similarity-family.js';

export interface SimilarityChoiceInput {
  table: FeatureTable;
  /** Id of each row, for the held-out split. */
  ids: readonly string[];
  seedRows: Uint32Array;
  /** One per seed row, mean 1. */
  seedWeights: Float64Array;
  poolRows: Uint32Array;
  /** The audience's size (people taken from the pool): recall is measured at it. */
  size: number;
  families?: readonly SimilarityFamily[];
  seed?: number;
}

export interface CandidateQuality extends HeldOutQuality {
  family: string;
}

export interface SimilarityChoice {
  /** The winner, refitted on the whole seed. */
  model: FittedSimilarity;
  /** The winner's held-out quality (fitted without the held-out part). */
  quality: HeldOutQuality;
  /** Every candidate's held-out quality, winner included, in registry order. */
  candidates: CandidateQuality[];
  heldOut: number;
}

const DEFAULT_SEED = 42;

/**
 * Fits every family on the seed minus a held-out fifth against the pool, ranks the pool with the
 * held-out members mixed in, and keeps the family whose top `size` holds the most of them (the
 * earlier family on a tie); the winner is then fitted again on the whole seed.
 */
export function chooseSimilarityModel(input: SimilarityChoiceInput): SimilarityChoice {
  const families = input.families ?? SIMILARITY_FAMILIES;
  if (families.length === 0) throw new AudienceInputError('No similarity family to fit');
  if (input.poolRows.length === 0) throw new AudienceInputError('The pool is empty: nobody to rank');
  const seed = input.seed ?? DEFAULT_SEED;
  const training: number[] = [];
  const trainingWeights: number[] = [];
  const heldOut: number[] = [];
  input.seedRows.forEach((row, i) => {
    if (isHeldOut(input.ids[row] as string, HELD_OUT_SHARE)) heldOut.push(row);
    else {
      training.push(row);
      trainingWeights.push(input.seedWeights[i] as number);
    }
  });
  if (training.length === 0 || heldOut.length === 0) throw new AudienceInputError(`A seed of ${input.seedRows.length} cannot be split into a training and a held-out part`);
  const candidates = families.map((family) => {
    const fitted = family.fit({ table: input.table, positives: Uint32Array.from(training), positiveWeights: Float64Array.from(trainingWeights), negatives: input.poolRows, seed });
    const quality = heldOutQuality(Float64Array.from(input.poolRows, (row) => fitted.score(row)), Float64Array.from(heldOut, (row) => fitted.score(row)), input.size);
    return { family, quality };
  });
  let best = candidates[0]!;
  for (const candidate of candidates) if (candidate.quality.recallAtSize > best.quality.recallAtSize) best = candidate;
  const model = best.family.fit({ table: input.table, positives: input.seedRows, positiveWeights: input.seedWeights, negatives: input.poolRows, seed });
  return {
    model,
    quality: best.quality,
    candidates: candidates.map(({ family, quality }) => ({ family: family.id, ...quality })),
    heldOut: heldOut.length,
  };
}
