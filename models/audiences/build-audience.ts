import { normalizeEmail } from '../identity/normalize-email.js';
import { normalizePhone } from '../identity/normalize-phone.js';
import { sha256Hex } from '../identity/sha256-hex.js';
import { hasConsent, type AudienceCandidate, type ConsentDefault, type DeclaredProfileColumn, type PersonSource } from './audience-person.js';
import { audienceSizeOf, MIN_SEED_SIZE, seedSegmentsOf, type AudienceDefinition } from './audience-settings.js';
import type { AudienceFeatureWeight } from './audience-version.js';
import { requireEpochDay } from './features/epoch-day.js';
import { buildFeatureTable, featureNamesOf } from './features/feature-table.js';
import { chooseSimilarityModel } from './similarity/choose-similarity-model.js';
import type { HeldOutQuality } from './similarity/held-out-recall.js';
import { similarityFamilyById } from './similarity/registry.js';
import type { SimilarityFamily } from './similarity/similarity-family.js';

export interface AudienceBuildInput {
  definition: AudienceDefinition;
  /** ISO day the run scores as of: tenure and date features are measured at it. */
  asOf: string;
  /** Customer ids in any of the seed's segments. */
  seedMembers: ReadonlySet<string>;
  customers: readonly AudienceCandidate[];
  prospects: readonly AudienceCandidate[];
  /** Extra profile columns the configuration declares (`profile.columns`). */
  declaredColumns: readonly DeclaredProfileColumn[];
  consentDefault: ConsentDefault;
  /** People a deletion request removed: never in the seed, never in the pool. */
  isSuppressed?: (source: PersonSource, id: string) => boolean;
  families?: readonly SimilarityFamily[];
  topFeatures?: number;
}

export interface AudienceMember {
  rank: number;
  person: AudienceCandidate;
  score: number;
  /** For value-based destinations: the customer's predicted value, or for a prospect the seed's mean value scaled by its rank. */
  value: number | null;
}

export interface BuiltAudience {
  kind: 'built';
  seed: { segment: string; size: number; valueWeighted: boolean; heldOut: number; suppressed: number };
  pool: { size: number; prospects: number; customers: number; withoutConsent: number; suppressed: number; sameContactAsSeed: number };
  model: { kind: string; features: string[]; topFeatures: AudienceFeatureWeight[]; comparedWith: { kind: string; recall: number; lift: number }[] };
  quality: HeldOutQuality;
  members: AudienceMember[];
}

export interface SkippedAudience {
  kind: 'skipped';
  reason: 'seed-too-small' | 'empty-pool';
  message: string;
  seedSize: number;
  poolSize: number;
}

const DEFAULT_TOP_FEATURES = 10;

/**
 * One audience: the seed (customers in the seed's segments, less suppressed people), the pool
 * (prospects and/or customers outside the seed who consented, less suppressed people and anyone
 * sharing an email or phone with a seed member), the similarity model chosen on a held-out part
 * of the seed, and the pool's top `size` by similarity. Ties are broken by a hash of the id, not
 * by id order, so no id range is favoured. A seed under MIN_SEED_SIZE is refused (skipped, with why).
 */
export function buildAudience(input: AudienceBuildInput): BuiltAudience | SkippedAudience {
  const { definition } = input;
  const asOfDay = requireEpochDay(input.asOf, 'asOf');
  const suppressed = input.isSuppressed ?? (() => false);
  const segment = seedSegmentsOf(definition).join(' + ');
  const inSegments = input.customers.filter((c) => input.seedMembers.has(c.id));
  // Seed members' own consent does not matter: they are only learnt from, never uploaded.
  const seed = inSegments.filter((c) => !suppressed('customer', c.id));
  const seedSuppressed = inSegments.length - seed.length;
  const pool = poolOf(input, seed);
  if (seed.length < MIN_SEED_SIZE) {
    return { kind: 'skipped', reason: 'seed-too-small', seedSize: seed.length, poolSize: pool.people.length, message: `audience ${definition.id}: the seed ${segment} has ${seed.length} ${seed.length === 1 ? 'person' : 'people'}, under the minimum of ${MIN_SEED_SIZE}; no version was produced` };
  }
  if (pool.people.length === 0) {
    return { kind: 'skipped', reason: 'empty-pool', seedSize: seed.length, poolSize: 0, message: `audience ${definition.id}: nobody in the pool (${poolDescription(definition)}) can be targeted (consent, suppression, or none in the extracts); no version was produced` };
  }
  const people = [...seed, ...pool.people];
  const table = buildFeatureTable(people, input.declaredColumns, asOfDay);
  const seedRows = Uint32Array.from(seed, (_, i) => i);
  const poolRows = Uint32Array.from(pool.people, (_, i) => seed.length + i);
  const size = audienceSizeOf(definition.size, pool.people.length);
  const families = definition.model === 'auto' ? input.families : [similarityFamilyById(definition.model, input.families)];
  const choice = chooseSimilarityModel({
    table,
    ids: people.map((p) => `${p.source}:${p.id}`),
    seedRows,
    seedWeights: seedWeightsOf(seed, definition.seed.valueWeighted),
    poolRows,
    size,
    ...(families ? { families } : {}),
  });
  const ranked = pool.people
    .map((person, i) => ({ person, score: choice.model.score(seed.length + i), tie: tieBreakOf(person) }))
    .sort((a, b) => b.score - a.score || a.tie - b.tie || (a.person.id < b.person.id ? -1 : 1))
    .slice(0, size);
  const seedValue = meanValue(seed);
  const members = ranked.map(({ person, score }, index): AudienceMember => ({
    rank: index + 1,
    person,
    score,
    value: !definition.seed.valueWeighted ? null : person.source === 'customer' ? (person.value ?? null) : roundValue(seedValue * (1 - index / ranked.length)),
  }));
  return {
    kind: 'built',
    seed: { segment, size: seed.length, valueWeighted: definition.seed.valueWeighted, heldOut: choice.heldOut, suppressed: seedSuppressed },
    pool: { size: pool.people.length, prospects: pool.people.filter((p) => p.source === 'prospect').length, customers: pool.people.filter((p) => p.source === 'customer').length, withoutConsent: pool.withoutConsent, suppressed: pool.suppressed, sameContactAsSeed: pool.sameContactAsSeed },
    model: {
      kind: choice.model.family,
      features: featureNamesOf(table),
      topFeatures: choice.model.topFeatures(input.topFeatures ?? DEFAULT_TOP_FEATURES),
      comparedWith: choice.candidates.map((c) => ({ kind: c.family, recall: c.recallAtSize, lift: c.liftAtSize })),
    },
    quality: choice.quality,
    members,
  };
}

function poolOf(input: AudienceBuildInput, seed: readonly AudienceCandidate[]) {
  const { definition, consentDefault } = input;
  const suppressed = input.isSuppressed ?? (() => false);
  const seedContacts = new Set<string>();
  for (const member of seed) for (const key of contactKeys(member)) seedContacts.add(key);
  const candidates = [
    ...(definition.pool.prospects ? input.prospects : []),
    ...(definition.pool.customersOutsideSeed ? input.customers.filter((c) => !input.seedMembers.has(c.id)) : []),
  ];
  const seen = new Set<string>();
  const counts = { withoutConsent: 0, suppressed: 0, sameContactAsSeed: 0 };
  const people: AudienceCandidate[] = [];
  for (const person of candidates) {
    const key = `${person.source}:${person.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (suppressed(person.source, person.id)) counts.suppressed += 1;
    else if (!hasConsent(person, consentDefault)) counts.withoutConsent += 1;
    // A prospect record of a seed customer is not a lookalike: it is the customer.
    else if (contactKeys(person).some((k) => seedContacts.has(k))) counts.sameContactAsSeed += 1;
    else people.push(person);
  }
  return { people, ...counts };
}

function contactKeys(person: AudienceCandidate): string[] {
  const email = normalizeEmail(person.email);
  const phone = normalizePhone(person.phone, person.country);
  return [...(email === null ? [] : [`email:${email}`]), ...(phone === null ? [] : [`phone:${phone}`])];
}

/** Values above this percentile of the seed's count as it, so a handful of extreme customers cannot make up the whole seed. */
const VALUE_WEIGHT_CAP_PERCENTILE = 0.95;

/**
 * Value-weighted seeds weigh each member by predicted value (negative, missing or not finite as 0;
 * capped at the seed's 95th percentile), scaled to mean 1; otherwise all 1.
 */
function seedWeightsOf(seed: readonly AudienceCandidate[], valueWeighted: boolean): Float64Array {
  const weights = Float64Array.from(seed, (p) => (!valueWeighted ? 1 : Number.isFinite(p.value) ? Math.max(0, p.value as number) : 0));
  const cap = Float64Array.from(weights).sort()[Math.floor(VALUE_WEIGHT_CAP_PERCENTILE * (weights.length - 1))] ?? 0;
  if (!(cap > 0)) return weights.fill(1);
  const capped = weights.map((w) => Math.min(w, cap) / cap);
  const total = capped.reduce((sum, w) => sum + w, 0);
  return capped.map((w) => (w * capped.length) / total);
}

function meanValue(seed: readonly AudienceCandidate[]): number {
  const values = seed.map((p) => p.value).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

const roundValue = (value: number): number => Math.round(value * 100) / 100;

function tieBreakOf(person: AudienceCandidate): number {
  return Number.parseInt(sha256Hex(`audience-rank:${person.source}:${person.id}`).slice(0, 12), 16);
}

function poolDescription(definition: AudienceDefinition): string {
  const parts = [...(definition.pool.prospects ? ['prospects'] : []), ...(definition.pool.customersOutsideSeed ? ['customers outside the seed'] : [])];
  return parts.join(' and ');
}
