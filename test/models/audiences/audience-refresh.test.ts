import { describe, expect, it } from 'vitest';
import { audienceRefreshDue, definitionHash } from '../../../models/audiences/audience-refresh.js';
import { AudienceDefinitionSchema } from '../../../models/audiences/audience-settings.js';

const definition = (refresh: string) => AudienceDefinitionSchema.parse({ id: 'a', seed: { segment: 'clv:top-1' }, destinations: ['meta'], refresh });
const last = (asOf: string, refresh: string) => ({ versionId: 'r1', asOf, definitionHash: definitionHash(definition(refresh)) });

describe('audienceRefreshDue', () => {
  it('produces the first version whatever the cadence, and a new one each run for every-run', () => {
    for (const cadence of ['every-run', 'weekly', 'monthly']) expect(audienceRefreshDue(definition(cadence), '2025-01-10', null)).toEqual({ due: true, why: 'first version' });
    expect(audienceRefreshDue(definition('every-run'), '2025-01-10', last('2025-01-10', 'every-run')).due).toBe(true);
  });

  it('weekly: due once the last version is seven days old, and says from when', () => {
    expect(audienceRefreshDue(definition('weekly'), '2025-01-16', last('2025-01-10', 'weekly'))).toEqual({ due: false, why: 'weekly refresh: the last version r1 is as of 2025-01-10, the next is due from 2025-01-17' });
    expect(audienceRefreshDue(definition('weekly'), '2025-01-17', last('2025-01-10', 'weekly')).due).toBe(true);
  });

  it('monthly: due at the first run of a later calendar month', () => {
    expect(audienceRefreshDue(definition('monthly'), '2025-01-31', last('2025-01-01', 'monthly'))).toEqual({ due: false, why: 'monthly refresh: the last version r1 is as of 2025-01-01, the next is due from 2025-02-01' });
    expect(audienceRefreshDue(definition('monthly'), '2025-02-01', last('2025-01-31', 'monthly')).due).toBe(true);
    expect(audienceRefreshDue(definition('monthly'), '2026-01-02', last('2025-12-30', 'monthly')).due).toBe(true);
  });

  it('a changed definition is due at once, whatever the cadence', () => {
    const changed = AudienceDefinitionSchema.parse({ id: 'a', seed: { segment: 'clv:top-5' }, destinations: ['meta'], refresh: 'monthly' });

    expect(audienceRefreshDue(changed, '2025-01-02', last('2025-01-01', 'monthly'))).toEqual({ due: true, why: 'definition changed since version r1' });
  });

  it('fingerprints a definition whatever the order of its keys', () => {
    const a = AudienceDefinitionSchema.parse({ id: 'a', seed: { segment: 'x:y', valueWeighted: true }, destinations: ['meta'] });
    const b = AudienceDefinitionSchema.parse({ destinations: ['meta'], seed: { valueWeighted: true, segment: 'x:y' }, id: 'a' });

    expect(definitionHash(a)).toBe(definitionHash(b));
    expect(definitionHash(a)).not.toBe(definitionHash({ ...a, destinations: ['google'] }));
  });
});
