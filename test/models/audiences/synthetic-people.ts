import type { AudienceCandidate, PersonSource } from '../../../models/audiences/audience-person.js';
import { seededRandom } from '../../support/seeded-random.js';

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

export function person(id: string, source: PersonSource, overrides: Partial<AudienceCandidate> = {}): AudienceCandidate {
  return {
    id,
    source,
    email: `${id}@example.com`,
    phone: null,
    country: 'GB',
    signupDate: '2024-01-15',
    acquisitionChannel: 'organic',
    marketingConsent: true,
    extras: {},
    value: null,
    ...overrides,
  };
}

/**
 * Customers and prospects of two latent types. `signal`: the engaged type has many more
 * `web_sessions` (the only feature that differs); without it every feature is drawn alike for
 * both types, so nothing can tell the seed from the pool. The seed is the engaged customers
 * (`seedIds`); `engagedProspects` holds the prospects of the engaged type.
 */
export function syntheticPeople(options: { customers: number; prospects: number; engagedShare: number; signal: boolean; randomSeed?: number }) {
  const random = seededRandom(options.randomSeed ?? 11);
  const draw = (id: string, source: PersonSource, engaged: boolean): AudienceCandidate => {
    const sessions = options.signal && engaged ? 12 + random() * 20 : random() * 20;
    return person(id, source, {
      email: `${id}@${pick(random, ['gmail.com', 'acme.example', 'hotmail.co.uk'])}`,
      phone: random() < 0.5 ? `+44 7700 9${String(Math.floor(random() * 100000)).padStart(5, '0')}` : null,
      country: pick(random, ['GB', 'FR', 'DE', 'US']),
      signupDate: pick(random, ['2021-03-01', '2023-06-01', '2024-09-01']),
      acquisitionChannel: pick(random, ['organic', 'referral', 'paid_social']),
      extras: { web_sessions: sessions.toFixed(3), favourite: pick(random, ['shoes', 'bags', 'hats']) },
      value: engaged ? 200 + random() * 100 : random() * 50,
    });
  };
  const seedIds = new Set<string>();
  const engagedProspects = new Set<string>();
  const customers = Array.from({ length: options.customers }, (_, i) => {
    const engaged = random() < options.engagedShare;
    const id = `C${String(i).padStart(5, '0')}`;
    if (engaged) seedIds.add(id);
    return draw(id, 'customer', engaged);
  });
  const prospects = Array.from({ length: options.prospects }, (_, i) => {
    const engaged = random() < options.engagedShare;
    const id = `P${String(i).padStart(5, '0')}`;
    if (engaged) engagedProspects.add(id);
    return draw(id, 'prospect', engaged);
  });
  return { customers, prospects, seedIds, engagedProspects };
}

export const DECLARED = [
  { name: 'web_sessions', type: 'number' as const },
  { name: 'favourite', type: 'category' as const },
];
