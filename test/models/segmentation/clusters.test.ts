import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  assignSegments,
  clusterPersonasOf,
  computePopulationStats,
  DEFAULT_SEGMENTATION_SETTINGS,
  minimumCostAssignment,
  personaNames,
  segmentationSettings,
  segmentationSettingsIssues,
  segmentDefinitions,
  SegmentRuleError,
  type ClusterModel,
  type ClusterProfile,
  type PopulationStats,
  type SegmentationScore,
} from '../../../models/segmentation/index.js';
import { seededRandom } from '../../support/seeded-random.js';

type Blob = 'lapsed-big' | 'new-one-time' | 'loyal';

/** Three obvious groups of customers, with multiplicative noise; `scale` shifts every value a little. */
function blobs(sizes: Record<Blob, number>, seed: number, scale = 1): { scores: SegmentationScore[]; blobOf: Map<string, Blob> } {
  const random = seededRandom(seed);
  const noisy = (x: number) => x * scale * (0.85 + 0.3 * random());
  const centres: Record<Blob, Omit<SegmentationScore, 'customerId'>> = {
    'lapsed-big': { recencyDays: 600, frequency: 8, monetary: 3_000, tenureDays: 1_000, predictedClv: 150, churnProbability: 0.9 },
    'new-one-time': { recencyDays: 20, frequency: 1, monetary: 40, tenureDays: 25, predictedClv: 60, churnProbability: 0.45 },
    loyal: { recencyDays: 12, frequency: 20, monetary: 2_500, tenureDays: 900, predictedClv: 1_500, churnProbability: 0.05 },
  };
  const scores: SegmentationScore[] = [];
  const blobOf = new Map<string, Blob>();
  for (const blob of Object.keys(sizes) as Blob[]) {
    const c = centres[blob];
    for (let i = 0; i < sizes[blob]; i++) {
      const customerId = `${blob}-${i}`;
      blobOf.set(customerId, blob);
      scores.push({
        customerId,
        recencyDays: Math.round(noisy(c.recencyDays)),
        frequency: blob === 'new-one-time' ? 1 : Math.max(2, Math.round(noisy(c.frequency))),
        monetary: noisy(c.monetary),
        tenureDays: Math.round(noisy(c.tenureDays)),
        predictedClv: noisy(c.predictedClv),
        churnProbability: Math.min(1, noisy(c.churnProbability)),
      });
    }
  }
  return { scores, blobOf };
}

const clustering = (overrides: Record<string, unknown> = {}) => segmentationSettings({ clustering: { enabled: true, minClusters: 2, maxClusters: 8, ...overrides } });
const modelOf = (population: PopulationStats): ClusterModel => population.fitted?.['cluster'] as ClusterModel;

/** Blob -> the cluster id most of its customers are in, and the share of the blob in it. */
function clusterOfBlobs(scores: SegmentationScore[], blobOf: Map<string, Blob>, population: PopulationStats): Map<Blob, { id: string; purity: number }> {
  const { memberships } = assignSegments(scores, { population });
  const counts = new Map<Blob, Map<string, number>>();
  for (const score of scores) {
    const blob = blobOf.get(score.customerId)!;
    const id = memberships.get(score.customerId)!.find((s) => s.startsWith('cluster:'))!;
    const byId = counts.get(blob) ?? counts.set(blob, new Map()).get(blob)!;
    byId.set(id, (byId.get(id) ?? 0) + 1);
  }
  return new Map(
    [...counts].map(([blob, byId]) => {
      const [id, n] = [...byId].sort((a, b) => b[1] - a[1])[0]!;
      return [blob, { id, purity: n / [...byId.values()].reduce((a, b) => a + b, 0) }];
    }),
  );
}

describe('k-means clusters with personas', () => {
  const settings = clustering();
  const { scores, blobOf } = blobs({ 'lapsed-big': 400, 'new-one-time': 300, loyal: 200 }, 1);

  it('finds k = 3 in a data set of three obvious groups, each group one cluster', () => {
    const population = computePopulationStats(scores, { settings });
    const model = modelOf(population);

    expect(model.choice.k).toBe(3);
    expect(model.choice.silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const byBlob = clusterOfBlobs(scores, blobOf, population);
    expect(new Set([...byBlob.values()].map((b) => b.id)).size).toBe(3);
    for (const { purity } of byBlob.values()) expect(purity).toBe(1);
    // First run: ids by size, largest first.
    expect(byBlob.get('lapsed-big')!.id).toBe('cluster:1');
  });

  it('is deterministic: the same data and seed give the same clusters, whatever the row order', () => {
    const first = computePopulationStats(scores, { settings });
    const again = computePopulationStats(scores, { settings });
    const reversed = computePopulationStats([...scores].reverse(), { settings });

    expect(JSON.stringify(again.fitted)).toBe(JSON.stringify(first.fitted));
    expect(modelOf(reversed).clusters.map((c) => [c.id, c.name, c.centroid])).toEqual(modelOf(first).clusters.map((c) => [c.id, c.name, c.centroid]));
  });

  it('chooses k within the configured bounds', () => {
    const random = seededRandom(7);
    const uniform = Array.from({ length: 600 }, (_, i): SegmentationScore => ({
      customerId: `u${i}`,
      recencyDays: Math.round(random() * 700),
      frequency: 1 + Math.round(random() * 30),
      monetary: random() * 5_000,
      tenureDays: Math.round(random() * 1_000),
      predictedClv: random() * 2_000,
      churnProbability: random(),
    }));

    for (const [minClusters, maxClusters] of [[4, 5], [6, 6], [2, 3]] as const) {
      const model = modelOf(computePopulationStats(uniform, { settings: clustering({ minClusters, maxClusters }) }));
      expect(model.choice.k).toBeGreaterThanOrEqual(minClusters);
      expect(model.choice.k).toBeLessThanOrEqual(maxClusters);
      expect(model.clusters).toHaveLength(model.choice.k);
    }
  });

  it('keeps ids on the same groups across runs when the data shifts and the fit order changes', () => {
    const first = computePopulationStats(scores, { settings });
    // Next run: values 5% higher, new noise, sizes reordered (loyal now largest), another seed, rows reversed.
    const next = blobs({ 'lapsed-big': 150, 'new-one-time': 300, loyal: 500 }, 2, 1.05);
    const nextSettings = clustering({ seed: 7 });
    const fresh = computePopulationStats([...next.scores].reverse(), { settings: nextSettings });
    const matched = computePopulationStats([...next.scores].reverse(), { settings: nextSettings, previous: { runId: 'run-1', population: JSON.parse(JSON.stringify(first)) } });

    const before = clusterOfBlobs(scores, blobOf, first);
    const unmatched = clusterOfBlobs(next.scores, next.blobOf, fresh);
    const after = clusterOfBlobs(next.scores, next.blobOf, matched);
    // Without the previous run, ids follow size and the groups swap numbers...
    expect(unmatched.get('loyal')!.id).toBe('cluster:1');
    expect(unmatched.get('loyal')!.id).not.toBe(before.get('loyal')!.id);
    // ...matched to the previous centroids, every group keeps its id.
    for (const blob of ['lapsed-big', 'new-one-time', 'loyal'] as const) expect(after.get(blob)!.id).toBe(before.get(blob)!.id);
    expect(modelOf(matched).ids).toEqual({ matchedToRun: 'run-1', matched: 3, new: 0, retired: [] });
  });

  it('gives a new group a new id, and retires the id of a group that is gone', () => {
    const first = computePopulationStats(scores, { settings: clustering({ minClusters: 3, maxClusters: 3 }) });
    const before = clusterOfBlobs(scores, blobOf, first);
    const two = blobs({ 'lapsed-big': 300, 'new-one-time': 0, loyal: 300 }, 3);
    const next = computePopulationStats(two.scores, { settings: clustering({ minClusters: 2, maxClusters: 2 }), previous: { runId: 'run-1', population: first } });

    const after = clusterOfBlobs(two.scores, two.blobOf, next);
    expect(after.get('loyal')!.id).toBe(before.get('loyal')!.id);
    expect(after.get('lapsed-big')!.id).toBe(before.get('lapsed-big')!.id);
    expect(modelOf(next).ids.retired).toEqual([Number(before.get('new-one-time')!.id.slice('cluster:'.length))]);
  });

  it('names each persona from its profile, uniquely, with a two-sentence description carrying the numbers', () => {
    const population = computePopulationStats(scores, { settings });
    const byBlob = clusterOfBlobs(scores, blobOf, population);
    const personas = clusterPersonasOf(population)!;
    const nameOf = (blob: Blob) => personas.find((p) => p.id === byBlob.get(blob)!.id)!.name;

    expect(nameOf('lapsed-big')).toBe('Lapsed big spenders');
    expect(nameOf('new-one-time')).toBe('New one-timers');
    expect(nameOf('loyal')).toBe('Loyal big spenders');
    for (const persona of personas) {
      expect(persona.description.match(/[.;]\s|[.]$/g)?.filter((m) => m.startsWith('.'))).toHaveLength(2);
      expect(persona.description).toContain(persona.profile.size.toLocaleString('en-US'));
      expect(persona.profile.distinguishingFeatures).toHaveLength(3);
    }
    expect(personas.map((p) => p.profile.size).reduce((a, b) => a + b)).toBe(scores.length);
    expect(personas.map((p) => p.profile.revenueShare).reduce((a, b) => a + b)).toBeCloseTo(1, 3);
    // The catalogue lists the clusters under their persona names.
    expect(segmentDefinitions(population.settings, population).filter((d) => d.family === 'cluster').map((d) => d.name)).toEqual(personas.map((p) => p.name));
  });

  it('keeps persona names distinct when two clusters have the same profile', () => {
    const profile = modelOf(computePopulationStats(scores, { settings })).clusters[0]!.profile;
    const twin: ClusterProfile = { ...profile, size: profile.size - 1 };

    const names = personaNames([profile, twin, { ...twin, size: 1 }]);

    expect(new Set(names).size).toBe(3);
    expect(names[0]).toBe('Lapsed big spenders');
    expect(names[1]).toBe('Slipping big spenders');
  });

  it('assigns shards exactly as the whole population, from the stored (JSON) statistics', () => {
    const population = JSON.parse(JSON.stringify(computePopulationStats(scores, { settings }))) as PopulationStats;
    const whole = assignSegments(scores, { population }).memberships;
    const shards = [scores.slice(0, 333), scores.slice(333, 700), scores.slice(700)];

    for (const shard of shards) {
      const { memberships } = assignSegments(shard, { population });
      for (const [id, segments] of memberships) expect(segments).toEqual(whole.get(id));
    }
  });

  it('is off by default, and lists no cluster before a population is fitted', () => {
    expect(DEFAULT_SEGMENTATION_SETTINGS.clustering).toMatchObject({ enabled: false, minClusters: 3, maxClusters: 8, sampleSize: 20_000 });
    expect(computePopulationStats(scores).fitted).toBeUndefined();
    expect(segmentDefinitions(settings).some((d) => d.family === 'cluster')).toBe(false);
  });
});

describe('bad clustering settings', () => {
  it('refuses a cluster count outside bounds in the file, with its path', () => {
    const pathOf = (clusteringSection: unknown) => {
      try {
        segmentationSettings({ clustering: clusteringSection });
      } catch (error) {
        expect(error).toBeInstanceOf(ZodError);
        return (error as ZodError).issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      }
      return [];
    };

    expect(pathOf({ minClusters: 9, maxClusters: 4 })).toEqual(['clustering.maxClusters: cluster count out of bounds: minClusters is above maxClusters']);
    expect(pathOf({ maxClusters: 21 })).toEqual(['clustering.maxClusters: cluster count out of bounds: at most 20']);
    expect(pathOf({ features: ['recencyDays', 'shoeSize'] })[0]).toMatch(/^clustering\.features\.1: /);
  });

  it('refuses bounds that did not come through the file (code, a stored population), naming the rule', () => {
    const settings = { ...DEFAULT_SEGMENTATION_SETTINGS, clustering: { ...DEFAULT_SEGMENTATION_SETTINGS.clustering, enabled: true, minClusters: 6, maxClusters: 4 } };

    const [issue] = segmentationSettingsIssues(settings);

    expect(issue?.path).toEqual(['clustering', 'maxClusters']);
    expect(issue?.message).toBe('cluster count out of bounds: minClusters (6) is above maxClusters (4)');
    expect(() => assignSegments(blobs({ 'lapsed-big': 5, 'new-one-time': 5, loyal: 5 }, 1).scores, { settings })).toThrow(SegmentRuleError);
  });

  it('refuses a population with fewer distinct customers than minClusters', () => {
    const same = Array.from({ length: 10 }, (_, i): SegmentationScore => ({ customerId: `c${i}`, recencyDays: 5, frequency: 2, monetary: 10, tenureDays: 50, predictedClv: 5, churnProbability: 0.5 }));

    expect(() => computePopulationStats(same, { settings: clustering({ minClusters: 3 }) })).toThrow(
      expect.objectContaining({ name: 'SegmentRuleError', path: ['clustering', 'minClusters'], message: 'cluster count out of bounds: 1 distinct customer cannot make 3 clusters (at segments.clustering.minClusters)' }),
    );
  });
});

describe('minimumCostAssignment (Hungarian method)', () => {
  it('finds the cheapest matching, not the greedy one', () => {
    // Greedy by smallest cost takes (0,0)=1 first and ends at 1 + 100; the best is 2 + 2.
    expect(minimumCostAssignment([[1, 2], [2, 100]])).toEqual([1, 0]);
    expect(minimumCostAssignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]])).toEqual([1, 0, 2]);
  });
});
