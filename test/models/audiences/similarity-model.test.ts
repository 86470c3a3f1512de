import { describe, expect, it } from 'vitest';
import { AudienceDefinitionSchema } from '../../../models/audiences/audience-settings.js';
import { buildAudience, type BuiltAudience } from '../../../models/audiences/build-audience.js';
import { buildFeatureTable } from '../../../models/audiences/features/feature-table.js';
import { chooseSimilarityModel } from '../../../models/audiences/similarity/choose-similarity-model.js';
import { SIMILARITY_FAMILIES } from '../../../models/audiences/similarity/registry.js';
import type { FittedSimilarity, SimilarityFamily } from '../../../models/audiences/similarity/similarity-family.js';
import { DECLARED, syntheticPeople } from './synthetic-people.js';

const definition = (overrides: Record<string, unknown> = {}) =>
  AudienceDefinitionSchema.parse({ id: 'engaged', seed: { segment: 'custom:engaged' }, size: { share: 0.1 }, destinations: ['meta'], ...overrides });

function build(signal: boolean, overrides: Record<string, unknown> = {}): BuiltAudience {
  const data = syntheticPeople({ customers: 3000, prospects: 6000, engagedShare: 0.15, signal });
  const result = buildAudience({ definition: definition(overrides), asOf: '2025-01-01', seedMembers: data.seedIds, customers: data.customers, prospects: data.prospects, declaredColumns: DECLARED, consentDefault: 'denied' });
  if (result.kind !== 'built') throw new Error(result.message);
  return result;
}

describe('similarity models on synthetic people whose truth is known', () => {
  it('finds a signal planted in an extra column: it tops the features of every family, and lift is well above 1', () => {
    const data = syntheticPeople({ customers: 3000, prospects: 6000, engagedShare: 0.15, signal: true });
    const people = [...data.customers.filter((c) => data.seedIds.has(c.id)), ...data.prospects];
    const seedCount = data.seedIds.size;
    const table = buildFeatureTable(people, DECLARED, 20_089);
    for (const family of SIMILARITY_FAMILIES) {
      const choice = chooseSimilarityModel({
        table,
        ids: people.map((p) => p.id),
        seedRows: Uint32Array.from({ length: seedCount }, (_, i) => i),
        seedWeights: new Float64Array(seedCount).fill(1),
        poolRows: Uint32Array.from({ length: data.prospects.length }, (_, i) => seedCount + i),
        size: 600,
        families: [family],
      });
      expect(choice.model.topFeatures(3)[0]?.feature, family.id).toBe('web_sessions');
      expect(choice.model.topFeatures(3)[0]?.weight, family.id).toBeGreaterThan(0);
      expect(choice.quality.liftAtSize, family.id).toBeGreaterThan(3);
    }
  });

  it('gives a lift near 1 when nothing tells the seed from the pool', () => {
    // A large seed (about 360 held out), so chance alone stays within about ±0.45 of 1 (3 standard deviations).
    const data = syntheticPeople({ customers: 6000, prospects: 6000, engagedShare: 0.3, signal: false });
    const built = buildAudience({ definition: definition(), asOf: '2025-01-01', seedMembers: data.seedIds, customers: data.customers, prospects: data.prospects, declaredColumns: DECLARED, consentDefault: 'denied' });
    if (built.kind !== 'built') throw new Error(built.message);
    expect(built.seed.heldOut).toBeGreaterThan(300);
    for (const candidate of built.model.comparedWith) {
      expect(candidate.lift, candidate.kind).toBeGreaterThan(0.55);
      expect(candidate.lift, candidate.kind).toBeLessThan(1.45);
    }
  });

  it('stores every candidate family with its recall and lift, the chosen one with the best recall', () => {
    const built = build(true);
    expect(built.model.comparedWith.map((c) => c.kind)).toEqual(SIMILARITY_FAMILIES.map((f) => f.id));
    const best = Math.max(...built.model.comparedWith.map((c) => c.recall));
    expect(built.model.comparedWith.find((c) => c.kind === built.model.kind)?.recall).toBe(best);
    expect(built.quality.recallAtSize).toBe(best);
    expect(built.quality.liftAtSize).toBeCloseTo(built.quality.recallAtSize / built.quality.randomRecallAtSize, 10);
    expect(built.model.features).toEqual(['country', 'acquisition_channel', 'signup_tenure', 'email_domain', 'phone', 'favourite', 'web_sessions']);
  });

  it('rarely ties once a numeric extra is there, and breaks the remaining ties by a hash of the id, not by id order', () => {
    // A linear score over a continuous extra: nearly every member has a score of its own (trees tie more: piecewise constant).
    const built = build(true, { model: 'logistic-regression' });
    const distinct = new Set(built.members.map((m) => m.score)).size;
    expect(distinct / built.members.length).toBeGreaterThan(0.95);
    const tiedFamily: SimilarityFamily = { id: 'flat', name: 'every score equal', fit: (): FittedSimilarity => ({ family: 'flat', score: () => 0, topFeatures: () => [] }) };
    const data = syntheticPeople({ customers: 3000, prospects: 6000, engagedShare: 0.15, signal: false });
    const flat = buildAudience({ definition: definition(), asOf: '2025-01-01', seedMembers: data.seedIds, customers: data.customers, prospects: data.prospects, declaredColumns: DECLARED, consentDefault: 'denied', families: [tiedFamily] });
    if (flat.kind !== 'built') throw new Error(flat.message);
    const ids = flat.members.map((m) => m.person.id);
    expect(ids).not.toEqual([...ids].sort());
    // The first 600 prospect ids would be P00000..P00599 under id order; a hash spreads them over the whole range.
    expect(ids.filter((id) => id >= 'P03000').length).toBeGreaterThan(200);
  });

  it('is deterministic: the same input gives the same members in the same order', () => {
    expect(build(true).members.map((m) => m.person.id)).toEqual(build(true).members.map((m) => m.person.id));
  });
});
