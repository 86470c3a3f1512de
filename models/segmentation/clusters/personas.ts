import type { ClusterFeatureName } from './cluster-feature-names.js';
import type { ClusterModel, ClusterProfile } from './cluster-model.js';

/** A standardised mean difference beyond this reads as "higher" / "lower" than the population. */
const NOTABLE = 0.5;

interface Signals {
  bigSpender: boolean;
  smallSpender: boolean;
  highChurn: boolean;
  lowChurn: boolean;
  lapsed: boolean;
  oneTime: boolean;
  frequent: boolean;
  newcomer: boolean;
}

function signalsOf(p: ClusterProfile): Signals {
  const z = p.zScores;
  return {
    // Historic spend, or predicted value backed by spend: lapsed big spenders have little predicted value left.
    bigSpender: z.monetary > NOTABLE || (z.predictedClv > NOTABLE && z.monetary > 0),
    smallSpender: Math.max(z.monetary, z.predictedClv) < -NOTABLE,
    highChurn: z.churnProbability > NOTABLE,
    lowChurn: z.churnProbability < -NOTABLE,
    lapsed: z.recencyDays > NOTABLE,
    oneTime: p.typical.frequency <= 1,
    frequent: z.frequency > NOTABLE,
    newcomer: z.tenureDays < -NOTABLE && p.typical.tenureDays <= 365,
  };
}

/** First match wins; every match is a candidate, so a name taken by a larger cluster falls to the next that fits. */
const RULES: readonly (readonly [name: string, when: (s: Signals) => boolean])[] = [
  ['New one-timers', (s) => s.newcomer && s.oneTime],
  ['Promising newcomers', (s) => s.newcomer && s.bigSpender],
  ['Newcomers', (s) => s.newcomer],
  ['Lapsed big spenders', (s) => s.bigSpender && s.highChurn && s.lapsed],
  ['Slipping big spenders', (s) => s.bigSpender && s.highChurn],
  ['Loyal big spenders', (s) => s.bigSpender && s.frequent && s.lowChurn],
  ['Frequent big spenders', (s) => s.bigSpender && s.frequent],
  ['Big spenders', (s) => s.bigSpender],
  ['Lapsed one-timers', (s) => s.oneTime && (s.lapsed || s.highChurn)],
  ['One-time buyers', (s) => s.oneTime],
  ['Loyal regulars', (s) => s.frequent && s.lowChurn],
  ['Regulars', (s) => s.frequent],
  ['Drifting away', (s) => s.lapsed && s.highChurn],
  ['At-risk customers', (s) => s.highChurn],
  ['Steady small spenders', (s) => s.smallSpender && s.lowChurn],
  ['Small spenders', (s) => s.smallSpender],
  ['Steady customers', (s) => s.lowChurn],
  ['Everyday customers', () => true],
];

/** Every name the profile's rules allow, most specific first. */
export const personaNameCandidates = (profile: ClusterProfile): string[] => {
  const signals = signalsOf(profile);
  return RULES.filter(([, when]) => when(signals)).map(([name]) => name);
};

const PHRASES: Record<ClusterFeatureName, readonly [higher: string, lower: string]> = {
  recencyDays: ['a long time since the last purchase', 'a recent purchase'],
  frequency: ['more purchase days', 'fewer purchase days'],
  monetary: ['higher spend', 'lower spend'],
  averageOrderValue: ['larger orders', 'smaller orders'],
  tenureDays: ['a longer tenure', 'a shorter tenure'],
  predictedClv: ['higher predicted value', 'lower predicted value'],
  churnProbability: ['higher churn risk', 'lower churn risk'],
};

const phrase = ({ feature, direction }: ClusterProfile['distinguishingFeatures'][number]): string => PHRASES[feature][direction === 'higher' ? 0 : 1];

/**
 * Unique persona names: the largest cluster picks first, each taking its first candidate no other
 * cluster took; a cluster left with none takes its first, qualified by what sets it apart most.
 */
export function personaNames(profiles: readonly ClusterProfile[]): string[] {
  const names = new Array<string>(profiles.length);
  const taken = new Set<string>();
  const order = [...profiles.keys()].sort((a, b) => (profiles[b] as ClusterProfile).size - (profiles[a] as ClusterProfile).size || a - b);
  for (const c of order) {
    const profile = profiles[c] as ClusterProfile;
    const candidates = personaNameCandidates(profile);
    let name = candidates.find((candidate) => !taken.has(candidate));
    if (!name) {
      const top = profile.distinguishingFeatures[0];
      const base = `${candidates[0] as string}${top ? ` with ${phrase(top)}` : ''}`;
      name = base;
      for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
    }
    taken.add(name);
    names[c] = name;
  }
  return names;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const percent = (x: number): string => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
const money = (x: number): string => (Math.abs(x) >= 100 ? count(x) : x.toFixed(1));
const plural = (n: number, one: string, many: string): string => `${count(n)} ${Math.round(n) === 1 ? one : many}`;

function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) as string}`;
}

/** Two sentences from the profile: who they are (size, revenue, a typical member) and how they differ (value, churn, what sets them apart). */
export function personaDescription(profile: ClusterProfile, population: ClusterModel['population']): string {
  const t = profile.typical;
  const times = population.meanPredictedValue > 0 ? profile.meanPredictedValue / population.meanPredictedValue : null;
  const ratio = times === null ? '' : times < 0.1 ? ' (under a tenth of the average)' : ` (${times.toFixed(1)}x the average)`;
  const apart = profile.distinguishingFeatures.map(phrase);
  return (
    `${count(profile.size)} customers (${percent(profile.share)}) bringing ${percent(profile.revenueShare)} of historic revenue; ` +
    `typically ${plural(t.frequency, 'purchase day', 'purchase days')}, the last ${plural(t.recencyDays, 'day', 'days')} ago, ${money(t.averageOrderValue)} an order, customers for ${plural(t.tenureDays, 'day', 'days')}. ` +
    `Mean predicted value ${money(profile.meanPredictedValue)}${ratio} and churn probability ${percent(profile.meanChurnProbability)} (population ${percent(population.meanChurnProbability)})` +
    `${apart.length > 0 ? `; set apart by ${list(apart)}` : ''}.`
  );
}
