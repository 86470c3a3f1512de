import type { Profile } from '../profile.js';
import { requireEpochDay } from './epoch-day.js';
import { featureVector } from './lookalike-features.js';
import type { FeatureVector } from './lookalike-features.js';
import type { LookalikeModel } from './lookalike-model.js';
import { profileContact } from './profile-contact.js';

export interface ScoredCandidate {
  id: string;
  /** Sum of the per-feature log-likelihood ratios: higher is more seed-like. */
  score: number;
  /** sigmoid(priorLogOdds + score): the naive-Bayes estimate of the chance of being seed-like, 0..1. */
  similarity: number;
}

/** A model turned into per-feature lookup tables, for scoring many vectors. */
export type CompiledLookalikeModel = (vector: FeatureVector) => number;

export function compileLookalikeModel(model: LookalikeModel): CompiledLookalikeModel {
  const tables = model.features.map(({ levels }) => new Map(levels.map(({ value, logRatio }) => [value, logRatio])));
  return (vector) => tables.reduce((score, table, index) => score + (table.get(vector[index] ?? 'unknown') ?? 0), 0);
}

export function similarityOf(model: LookalikeModel, score: number): number {
  return 1 / (1 + Math.exp(-(model.priorLogOdds + score)));
}

/** Scores profiles with a fitted model, best first (score descending, then id). */
export function scoreCandidates(model: LookalikeModel, candidates: readonly Profile[]): ScoredCandidate[] {
  const asOfDay = requireEpochDay(model.asOf, 'model.asOf');
  const scoreOf = compileLookalikeModel(model);
  return candidates
    .map((candidate) => {
      const score = scoreOf(featureVector(candidate, profileContact(candidate), asOfDay));
      return { id: candidate.id, score, similarity: similarityOf(model, score) };
    })
    .sort(byScoreThenId);
}

export function byScoreThenId(a: { id: string; score: number }, b: { id: string; score: number }): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
