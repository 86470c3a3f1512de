import { describe, expect, it } from 'vitest';
import type { AudienceCandidate } from '../../../models/audiences/audience-person.js';
import { AudienceDefinitionSchema, MIN_SEED_SIZE } from '../../../models/audiences/audience-settings.js';
import { buildAudience, type AudienceBuildInput, type BuiltAudience } from '../../../models/audiences/build-audience.js';
import { person } from './synthetic-people.js';

const definition = (overrides: Record<string, unknown> = {}) =>
  AudienceDefinitionSchema.parse({ id: 'loyal', seed: { segment: 'rfm:champions' }, size: { share: 0.1 }, destinations: ['google'], ...overrides });

/** 150 seed customers, 50 other customers and 1,000 prospects; every field alike, so only the filters matter here. */
function population(prospectOverrides: (i: number) => Partial<AudienceCandidate> = () => ({})) {
  const customers = Array.from({ length: 200 }, (_, i) => person(`C${i}`, 'customer', { email: `c${i}@example.com`, value: i }));
  const prospects = Array.from({ length: 1000 }, (_, i) => person(`P${i}`, 'prospect', { email: `p${i}@example.com`, ...prospectOverrides(i) }));
  const seedMembers = new Set(customers.slice(0, 150).map((c) => c.id));
  return { customers, prospects, seedMembers };
}

function built(input: Partial<AudienceBuildInput> & Pick<AudienceBuildInput, 'customers' | 'prospects' | 'seedMembers'>): BuiltAudience {
  const result = buildAudience({ definition: definition(), asOf: '2025-01-01', declaredColumns: [], consentDefault: 'denied', ...input });
  if (result.kind !== 'built') throw new Error(result.message);
  return result;
}

describe('buildAudience', () => {
  it('leaves out prospects who said no, and those who said nothing when the default is denied; counts them', () => {
    const data = population((i) => ({ marketingConsent: i % 4 === 0 ? false : i % 4 === 1 ? null : true }));

    const denied = built(data);
    const granted = built({ ...data, consentDefault: 'granted' });

    expect(denied.pool).toMatchObject({ size: 500, withoutConsent: 500 });
    expect(denied.members.every((m) => m.person.marketingConsent === true)).toBe(true);
    expect(granted.pool).toMatchObject({ size: 750, withoutConsent: 250 });
    expect(granted.members.some((m) => m.person.marketingConsent === null)).toBe(true);
    expect(granted.members.some((m) => m.person.marketingConsent === false)).toBe(false);
  });

  it('learns from seed members whatever their own consent: they are never uploaded', () => {
    const data = population();
    const customers = data.customers.map((c) => ({ ...c, marketingConsent: false }));

    expect(built({ ...data, customers }).seed.size).toBe(150);
  });

  it('keeps suppressed people out of the seed and the pool, and counts them', () => {
    const data = population();
    const isSuppressed = (source: string, id: string) => (source === 'prospect' && Number(id.slice(1)) < 100) || id === 'C0';

    const result = built({ ...data, isSuppressed });

    expect(result.seed).toMatchObject({ size: 149, suppressed: 1 });
    expect(result.pool).toMatchObject({ size: 900, suppressed: 100 });
    expect(result.members.some((m) => isSuppressed(m.person.source, m.person.id))).toBe(false);
  });

  it('leaves out a prospect with the email or phone of a seed customer: it is that customer', () => {
    const data = population((i) => (i < 3 ? { email: ` C${i}@Example.com ` } : {}));

    expect(built(data).pool).toMatchObject({ size: 997, sameContactAsSeed: 3 });
  });

  it('adds customers outside the seed to the pool only when asked', () => {
    const data = population();

    const withCustomers = built({ ...data, definition: definition({ pool: { prospects: true, customersOutsideSeed: true } }) });
    const customersOnly = built({ ...data, definition: definition({ pool: { prospects: false, customersOutsideSeed: true }, size: { count: 20 } }) });

    expect(built(data).pool).toMatchObject({ size: 1000, prospects: 1000, customers: 0 });
    expect(withCustomers.pool).toMatchObject({ size: 1050, prospects: 1000, customers: 50 });
    expect(customersOnly.members).toHaveLength(20);
    expect(customersOnly.members.every((m) => m.person.source === 'customer' && !data.seedMembers.has(m.person.id))).toBe(true);
  });

  it('takes the configured size: a share of the pool, or a count', () => {
    const data = population();

    expect(built(data).members).toHaveLength(100);
    expect(built({ ...data, definition: definition({ size: { share: 0.01 } }) }).members).toHaveLength(10);
    expect(built({ ...data, definition: definition({ size: { count: 333 } }) }).members.map((m) => m.rank)).toEqual(Array.from({ length: 333 }, (_, i) => i + 1));
  });

  it(`refuses a seed under ${MIN_SEED_SIZE} people, saying which audience, which seed and how many`, () => {
    const data = population();
    const seedMembers = new Set([...data.seedMembers].slice(0, MIN_SEED_SIZE - 1));

    const result = buildAudience({ definition: definition(), asOf: '2025-01-01', declaredColumns: [], consentDefault: 'denied', ...data, seedMembers });

    expect(result).toEqual({ kind: 'skipped', reason: 'seed-too-small', seedSize: 99, poolSize: 1000, message: 'audience loyal: the seed rfm:champions has 99 people, under the minimum of 100; no version was produced' });
    expect(buildAudience({ definition: definition(), asOf: '2025-01-01', declaredColumns: [], consentDefault: 'denied', ...data, seedMembers: new Set([...data.seedMembers].slice(0, MIN_SEED_SIZE)) }).kind).toBe('built');
  });

  it('says so when nobody in the pool can be targeted', () => {
    const data = population(() => ({ marketingConsent: false }));

    expect(buildAudience({ definition: definition(), asOf: '2025-01-01', declaredColumns: [], consentDefault: 'denied', ...data })).toMatchObject({ kind: 'skipped', reason: 'empty-pool', message: expect.stringMatching(/^audience loyal: nobody in the pool \(prospects\) can be targeted/) });
  });

  it('gives value-weighted audiences a value: customers their predicted value, prospects the seed mean scaled down the ranks', () => {
    const data = population();

    const result = built({ ...data, definition: definition({ seed: { segment: 'rfm:champions', valueWeighted: true }, pool: { prospects: true, customersOutsideSeed: true } }) });
    const plain = built(data);

    expect(plain.members.every((m) => m.value === null)).toBe(true);
    const prospects = result.members.filter((m) => m.person.source === 'prospect');
    expect(prospects[0]!.value).toBeLessThanOrEqual(74.5);
    expect(prospects.map((m) => m.value as number)).toEqual([...prospects.map((m) => m.value as number)].sort((a, b) => b - a));
    for (const member of result.members.filter((m) => m.person.source === 'customer')) expect(member.value).toBe(member.person.value);
  });
});
