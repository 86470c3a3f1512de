import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../models/identity/sha256-hex.js';
import { buildLookalikeAudience } from '../../../models/lookalike/build-lookalike-audience.js';
import { LookalikeInputError } from '../../../models/lookalike/lookalike-input-error.js';
import { candidate, profile, seededRandom, syntheticPopulation } from './synthetic-profiles.js';

const AS_OF = '2025-06-30';

describe('buildLookalikeAudience', () => {
  it('ranks candidates sharing the seed country and channel first, with hashed contacts', () => {
    // Arrange
    const seed = ['s1', 's2', 's3'].map((id) => profile(id, { country: 'GB', acquisitionChannel: 'referral' }));
    const candidates = [
      candidate('p-us', { country: 'US', acquisitionChannel: 'search' }),
      candidate('p-gb', { country: 'GB', acquisitionChannel: 'referral', email: ' P-GB@Example.com ' }),
      candidate('c-fr', { country: 'FR', acquisitionChannel: 'search', source: 'customer', email: null, phone: '+33 1 42 68 53 00' }),
    ];

    // Act
    const { rows } = buildLookalikeAudience({ seed, candidates, asOf: AS_OF });

    // Assert: c-fr also differs from the seed by having a phone and no email
    expect(rows.map((row) => [row.rank, row.id, row.source])).toEqual([
      [1, 'p-gb', 'prospect'],
      [2, 'p-us', 'prospect'],
      [3, 'c-fr', 'customer'],
    ]);
    expect(rows[0]?.emailSha256).toBe(sha256Hex('p-gb@example.com'));
    expect(rows[2]).toMatchObject({ emailSha256: null, phoneSha256: sha256Hex('33142685300') });
  });

  it('hashes phones as E.164 with the plus for Google when asked', () => {
    const seed = [profile('s1')];
    const candidates = [candidate('p1', { email: null, phone: '020 7946 0958' })];

    const { rows } = buildLookalikeAudience({ seed, candidates, asOf: AS_OF, phoneHashFormat: 'e164' });

    expect(rows[0]?.phoneSha256).toBe(sha256Hex('+442079460958'));
  });

  it('drops and counts candidates without a valid email or phone, seed members and repeated ids', () => {
    // Arrange
    const seed = [profile('s1', { email: 'jane@example.com' })];
    const candidates = [
      candidate('no-contact', { email: 'nobody', phone: 'n/a' }),
      candidate('s1', { source: 'customer' }),
      candidate('jane-as-prospect', { email: 'JANE@example.com' }),
      candidate('ok'),
      candidate('ok', { country: 'FR' }),
    ];

    // Act
    const { rows, counts } = buildLookalikeAudience({ seed, candidates, asOf: AS_OF });

    // Assert
    expect(rows.map((row) => row.id)).toEqual(['ok']);
    expect(counts).toEqual({
      seed: 1,
      candidates: 5,
      duplicateCandidates: 1,
      excludedAsSeed: 2,
      droppedWithoutContact: 1,
      ranked: 1,
      returned: 1,
    });
  });

  it('keeps the best `limit` rows', () => {
    const { seed, candidates } = syntheticPopulation({ seedSize: 50, lookalikes: 20, others: 80 });

    const { rows, counts } = buildLookalikeAudience({ seed, candidates, asOf: AS_OF, limit: 10 });

    expect(rows).toHaveLength(10);
    expect(rows.map((row) => row.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(counts.ranked).toBeGreaterThan(10);
  });

  it('is deterministic: same rows whatever the input order, ordered by score then id', () => {
    // Arrange
    const { seed, candidates } = syntheticPopulation({ seedSize: 100, lookalikes: 50, others: 300 });
    const random = seededRandom(11);
    const shuffled = [...candidates].sort(() => random() - 0.5);

    // Act
    const first = buildLookalikeAudience({ seed, candidates, asOf: AS_OF });
    const second = buildLookalikeAudience({ seed: [...seed].reverse(), candidates: shuffled, asOf: AS_OF });

    // Assert
    expect(second.rows).toEqual(first.rows);
    expect(second.holdoutLiftAtTop10).toBe(first.holdoutLiftAtTop10);
    for (const [previous, row] of first.rows.slice(0, -1).map((row, i) => [row, first.rows[i + 1]] as const)) {
      expect(previous.score > (row?.score ?? 0) || (previous.score === row?.score && previous.id < row.id)).toBe(true);
    }
  });

  it('reports a hold-out lift above 1 when seed members share traits', () => {
    // Arrange
    const { seed, candidates } = syntheticPopulation({ seedSize: 500, lookalikes: 200, others: 2_000 });

    // Act
    const { holdoutLiftAtTop10 } = buildLookalikeAudience({ seed, candidates, asOf: AS_OF });

    // Assert
    expect(holdoutLiftAtTop10).not.toBeNull();
    expect(holdoutLiftAtTop10).toBeGreaterThan(3);
  });

  it('reports a lift near 1 when the seed is drawn like everyone else', () => {
    // Arrange
    const { candidates: everyone } = syntheticPopulation({ seedSize: 0, lookalikes: 0, others: 12_000, randomSeed: 5 });
    const seed = everyone.slice(0, 3_000);
    const candidates = everyone.slice(3_000);

    // Act
    const { holdoutLiftAtTop10 } = buildLookalikeAudience({ seed, candidates, asOf: AS_OF });

    // Assert: about 600 held out, so the standard error of the lift is about 0.12
    expect(holdoutLiftAtTop10).toBeGreaterThan(0.6);
    expect(holdoutLiftAtTop10).toBeLessThan(1.4);
  });

  it('reports no lift when the seed is too small to hold anyone out, or there are no candidates', () => {
    const seed = [profile('only')];

    expect(buildLookalikeAudience({ seed, candidates: [candidate('c')], asOf: AS_OF }).holdoutLiftAtTop10).toBeNull();
    const noCandidates = buildLookalikeAudience({ seed: [profile('a'), profile('b')], candidates: [], asOf: AS_OF });
    expect(noCandidates.rows).toEqual([]);
    expect(noCandidates.holdoutLiftAtTop10).toBeNull();
  });

  it('rejects an invalid asOf, an empty seed and a negative limit', () => {
    const candidates = [candidate('c')];

    expect(() => buildLookalikeAudience({ seed: [profile('s')], candidates, asOf: 'soon' })).toThrow(LookalikeInputError);
    expect(() => buildLookalikeAudience({ seed: [], candidates, asOf: AS_OF })).toThrow(/seed audience is empty/);
    expect(() => buildLookalikeAudience({ seed: [profile('s')], candidates, asOf: AS_OF, limit: -1 })).toThrow(LookalikeInputError);
  });
});
