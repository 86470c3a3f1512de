import { describe, expect, it } from 'vitest';
import { fitLookalikeModel } from '../../../models/lookalike/fit-lookalike-model.js';
import { LookalikeInputError } from '../../../models/lookalike/lookalike-input-error.js';
import { scoreCandidates } from '../../../models/lookalike/score-candidates.js';
import { profile } from './synthetic-profiles.js';

const AS_OF = { asOf: '2025-06-30' };

describe('fitLookalikeModel', () => {
  it('weighs each level by its smoothed log-likelihood ratio, seed vs. reference', () => {
    // Arrange: 3 seed members all from GB; reference of 10 (seed included) with 4 from GB, 6 from FR
    const seed = ['s1', 's2', 's3'].map((id) => profile(id, { country: 'GB' }));
    const others = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'].map((id, i) => profile(id, { country: i === 0 ? 'GB' : 'FR' }));

    // Act
    const model = fitLookalikeModel(seed, [...seed, ...others], { ...AS_OF, smoothing: 1 });

    // Assert: P(GB|seed) = (3+1)/(3+2), P(GB|ref) = (4+1)/(10+2)
    const country = model.features.find((f) => f.feature === 'country');
    expect(country?.levels).toEqual([
      { value: 'FR', seedCount: 0, referenceCount: 6, logRatio: expect.closeTo(Math.log(1 / 5 / (7 / 12)), 12) },
      { value: 'GB', seedCount: 3, referenceCount: 4, logRatio: expect.closeTo(Math.log(4 / 5 / (5 / 12)), 12) },
    ]);
    expect(model.priorLogOdds).toBeCloseTo(Math.log(4 / 12 / (8 / 12)), 12);
    expect(model).toMatchObject({ asOf: '2025-06-30', smoothing: 1, seedSize: 3, referenceSize: 10 });
  });

  it('weighs a level seen only outside the fit as zero evidence', () => {
    // Arrange
    const seed = [profile('s1', { country: 'GB' })];
    const model = fitLookalikeModel(seed, [...seed, profile('o1', { country: 'FR' })], AS_OF);
    const franceWeight = model.features[0]?.levels.find((level) => level.value === 'FR')?.logRatio ?? Number.NaN;

    // Act: two profiles identical but for the country
    const [japan, france] = [profile('x', { country: 'JP' }), profile('y', { country: 'FR' })].map(
      (candidate) => scoreCandidates(model, [candidate])[0]?.score ?? Number.NaN,
    );

    // Assert
    expect(japan).toBeCloseTo((france ?? Number.NaN) - franceWeight, 12);
  });

  it('is plain data: a JSON round trip scores the same', () => {
    const seed = [profile('s1'), profile('s2', { acquisitionChannel: 'social' })];
    const model = fitLookalikeModel(seed, [...seed, profile('o1', { country: 'US' })], AS_OF);

    const restored = JSON.parse(JSON.stringify(model));

    expect(scoreCandidates(restored, [profile('c1'), profile('c2', { country: 'US' })])).toEqual(
      scoreCandidates(model, [profile('c1'), profile('c2', { country: 'US' })]),
    );
  });

  it('rejects an empty seed, a bad asOf and non-positive smoothing', () => {
    const someone = [profile('p')];

    expect(() => fitLookalikeModel([], someone, AS_OF)).toThrow(LookalikeInputError);
    expect(() => fitLookalikeModel(someone, someone, { asOf: '30/06/2025' })).toThrow(LookalikeInputError);
    expect(() => fitLookalikeModel(someone, someone, { ...AS_OF, smoothing: 0 })).toThrow(/smoothing/);
  });
});

describe('scoreCandidates', () => {
  it('ranks candidates matching the seed country and channel above those that do not', () => {
    // Arrange
    const seed = ['s1', 's2', 's3', 's4'].map((id) => profile(id, { country: 'GB', acquisitionChannel: 'referral' }));
    const reference = [
      ...seed,
      ...['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((id, i) => profile(id, { country: ['FR', 'US'][i % 2] ?? null, acquisitionChannel: 'search' })),
    ];
    const model = fitLookalikeModel(seed, reference, AS_OF);
    const candidates = [
      profile('c-neither', { country: 'US', acquisitionChannel: 'search' }),
      profile('c-both', { country: 'GB', acquisitionChannel: 'referral' }),
      profile('c-country', { country: 'GB', acquisitionChannel: 'search' }),
    ];

    // Act
    const scored = scoreCandidates(model, candidates);

    // Assert
    expect(scored.map((s) => s.id)).toEqual(['c-both', 'c-country', 'c-neither']);
    expect(scored.every((s) => s.similarity > 0 && s.similarity < 1)).toBe(true);
    expect(scored[0]?.similarity).toBeGreaterThan(scored[2]?.similarity ?? 1);
  });

  it('orders equal scores by id', () => {
    const seed = [profile('s1')];
    const model = fitLookalikeModel(seed, [...seed, profile('o1', { country: 'FR' })], AS_OF);

    const scored = scoreCandidates(model, [profile('b'), profile('a'), profile('c')]);

    expect(scored.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});
