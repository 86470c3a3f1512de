import { seededRandom } from '../../support/seeded-random.js';
import type { LookalikeCandidate } from '../../../models/lookalike/lookalike-candidate.js';
import type { Profile } from '../../../models/profile.js';


export function profile(id: string, overrides: Partial<Profile> = {}): Profile {
  return {
    id,
    email: `${id}@example.com`,
    phone: null,
    country: 'GB',
    signupDate: '2024-01-15',
    acquisitionChannel: 'search',
    ...overrides,
  };
}

export function candidate(id: string, overrides: Partial<LookalikeCandidate> = {}): LookalikeCandidate {
  return { ...profile(id), source: 'prospect', ...overrides };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/**
 * A population where seed-like people mostly come from GB via referral with corporate email,
 * and everybody else is spread over countries and channels. Returns the seed and candidates
 * (of which `lookalikes` are drawn like the seed).
 */
export function syntheticPopulation(options: { seedSize: number; lookalikes: number; others: number; randomSeed?: number }) {
  const random = seededRandom(options.randomSeed ?? 7);
  let phonesIssued = 0;
  const uniquePhone = (): string => `+44 20 7${String(phonesIssued++).padStart(7, '0')}`;
  const seedLike = (id: string): Profile => ({
    id,
    email: random() < 0.8 ? `${id}@acme-corp.co.uk` : `${id}@gmail.com`,
    phone: random() < 0.7 ? uniquePhone() : null,
    country: random() < 0.85 ? 'GB' : pick(random, ['FR', 'DE', 'US']),
    signupDate: random() < 0.7 ? '2021-03-01' : '2025-05-01',
    acquisitionChannel: random() < 0.8 ? 'referral' : pick(random, ['search', 'social', 'display']),
  });
  const other = (id: string): Profile => ({
    id,
    email: random() < 0.8 ? `${id}@gmail.com` : `${id}@example.org`,
    phone: random() < 0.3 ? uniquePhone() : null,
    country: pick(random, ['GB', 'FR', 'DE', 'US', 'ES', 'IT']),
    signupDate: pick(random, ['2021-03-01', '2024-06-01', '2025-05-01', null]),
    acquisitionChannel: pick(random, ['search', 'social', 'display', 'referral', 'email']),
  });
  const seed = Array.from({ length: options.seedSize }, (_, i) => seedLike(`seed-${i}`));
  const candidates: LookalikeCandidate[] = [
    ...Array.from({ length: options.lookalikes }, (_, i): LookalikeCandidate => ({ ...seedLike(`look-${i}`), source: 'prospect' })),
    ...Array.from({ length: options.others }, (_, i): LookalikeCandidate => ({ ...other(`other-${i}`), source: i % 2 === 0 ? 'prospect' : 'customer' })),
  ];
  return { seed, candidates };
}

export { seededRandom };
