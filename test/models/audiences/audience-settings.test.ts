import { describe, expect, it } from 'vitest';
import { AudiencesSettingsSchema, audienceSizeOf, seedSegmentsOf } from '../../../models/audiences/audience-settings.js';
import { ConfigurationError, parseSegmentsConfig } from '../../../models/config/index.js';

const audience = (overrides: Record<string, unknown> = {}) => ({ id: 'top-clv', seed: { segment: 'clv:top-1' }, destinations: ['meta'], ...overrides });
const yamlOf = (audiences: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ ...extra, audiences });

function issuesOf(audiences: unknown[], extra: Record<string, unknown> = {}): { path: string; message: string }[] {
  try {
    parseSegmentsConfig(yamlOf(audiences, extra), 'segments.config.yaml');
  } catch (error) {
    if (error instanceof ConfigurationError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('the audiences section of the configuration', () => {
  it('fills in the defaults: prospects only, 5% of the pool, refreshed every run, the model chosen automatically', () => {
    const config = parseSegmentsConfig(yamlOf([audience()]), 'f');
    expect(config.audiences).toEqual([
      { id: 'top-clv', seed: { segment: 'clv:top-1', valueWeighted: false }, pool: { prospects: true, customersOutsideSeed: false }, size: { share: 0.05 }, destinations: ['meta'], refresh: 'every-run', model: 'auto' },
    ]);
    expect(parseSegmentsConfig('{}', 'f').audiences).toEqual([]);
  });

  it('accepts a list of seed segments, and a bare user-defined segment id as custom:<id>', () => {
    const [parsed] = AudiencesSettingsSchema.parse([audience({ seed: { segment: ['clv:top-1', 'vip'], valueWeighted: true } })]);
    expect(seedSegmentsOf(parsed!)).toEqual(['clv:top-1', 'custom:vip']);
  });

  it('names the path of every invalid entry', () => {
    const issues = issuesOf([
      audience({ id: 'Top CLV' }),
      audience({ id: 'a', size: { share: 0.2 } }),
      audience({ id: 'b', size: { share: 0.05, count: 100 } }),
      audience({ id: 'c', destinations: ['tiktok'] }),
      audience({ id: 'd', refresh: 'daily' }),
      audience({ id: 'e', pool: { prospects: false } }),
      audience({ id: 'f', size: { count: 12.5 } }),
      audience({ id: 'g', model: 'random-forest' }),
    ]);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['audiences.0.id']).toMatch(/kebab-case/);
    expect(byPath['audiences.1.size.share']).toMatch(/between 0.01 \(1%\) and 0.1 \(10%\)/);
    expect(byPath['audiences.2.size']).toMatch(/either share .* or count/);
    expect(byPath['audiences.3.destinations.0']).toMatch(/meta or google/);
    expect(byPath['audiences.4.refresh']).toMatch(/every-run, weekly, monthly/);
    expect(byPath['audiences.5.pool']).toMatch(/the pool is empty/);
    expect(byPath['audiences.6.size.count']).toMatch(/whole number/);
    expect(byPath['audiences.7.model']).toMatch(/naive-bayes, logistic-regression, gradient-boosting/);
  });

  it('refuses an audience id used twice', () => {
    expect(issuesOf([audience({ id: 'a' }), audience({ id: 'b' }), audience({ id: 'a' })])).toEqual([{ path: 'audiences.2.id', message: 'audience id a is used twice' }]);
  });

  it('refuses a seed segment the configuration does not define, naming the audience and the segment', () => {
    const issues = issuesOf([audience({ id: 'x', seed: { segment: ['clv:top-1', 'clv:top-3'] } }), audience({ id: 'y', seed: { segment: 'no-such-segment' } })]);
    expect(issues).toEqual([
      { path: 'audiences.0.seed.segment.1', message: expect.stringMatching(/audience x: seed segment clv:top-3 is not a segment of this configuration/) },
      { path: 'audiences.1.seed.segment', message: expect.stringMatching(/audience y: seed segment no-such-segment is not a segment/) },
    ]);
  });

  it('knows user-defined segments and fitted families: custom ids, and cluster ids when clustering is on', () => {
    const segments = { custom: [{ id: 'vip', rule: { predictedClv: { gte: 'p95' } } }], clustering: { enabled: true } };
    expect(issuesOf([audience({ seed: { segment: ['vip', 'custom:vip', 'cluster:2'] } })], { segments })).toEqual([]);
    expect(issuesOf([audience({ seed: { segment: 'cluster:2' } })])).toHaveLength(1);
  });
});

describe('audienceSizeOf', () => {
  it('takes the share of the pool (at least one person) or the count, never more than the pool', () => {
    expect(audienceSizeOf({ share: 0.05 }, 10_000)).toBe(500);
    expect(audienceSizeOf({ share: 0.01 }, 30)).toBe(1);
    expect(audienceSizeOf({ count: 2_000 }, 10_000)).toBe(2_000);
    expect(audienceSizeOf({ count: 2_000 }, 700)).toBe(700);
    expect(audienceSizeOf({ share: 0.1 }, 0)).toBe(0);
  });
});
