import { describe, expect, it } from 'vitest';
import { chooseFamily, MODEL_FAMILIES } from '../../../models/model-families/index.js';
import type { HoldoutMetrics } from '../../../models/evaluation/index.js';

const metrics = (churnAuc: number, churnBrier: number, clvNormalizedGini: number, clvDecileMape: number): HoldoutMetrics => ({
  customers: 1000,
  churnRate: 0.5,
  churnAuc,
  churnBrier,
  clvNormalizedGini,
  clvSpearman: 0.5,
  clvDecileMape,
  clvTotalBias: 0,
});

describe('chooseFamily', () => {
  it('keeps BG/NBD + Gamma-Gamma when the network was not validated, with the reason', () => {
    const choice = chooseFamily(MODEL_FAMILIES, { btyd: metrics(0.7, 0.2, 0.7, 0.3) }, { ziln: 'no network: network training window: only 120 customers', blend: 'no network: network training window: only 120 customers' });

    expect(choice.family).toBe('btyd');
    expect(choice.reason).toBe('no network: network training window: only 120 customers');
    expect(choice.scores).toEqual({});
  });

  it('keeps BG/NBD + Gamma-Gamma when the blend does not rank better', () => {
    const choice = chooseFamily(MODEL_FAMILIES, { btyd: metrics(0.75, 0.2, 0.8, 0.3), ziln: metrics(0.72, 0.21, 0.75, 0.3), blend: metrics(0.74, 0.2, 0.79, 0.3) });

    expect(choice.family).toBe('btyd');
    expect(choice.reason).toMatch(/^the blend did not rank customers better than BG\/NBD \+ Gamma-Gamma \(relative ranking loss on the validation window: blend 1\.\d{3}, network 1\.\d{3}, BTYD 1\)$/);
  });

  it('uses the blend when it ranks better and the network alone does not win on every metric', () => {
    const choice = chooseFamily(MODEL_FAMILIES, { btyd: metrics(0.74, 0.2, 0.77, 0.26), ziln: metrics(0.755, 0.213, 0.817, 0.5), blend: metrics(0.755, 0.202, 0.808, 0.49) });

    expect(choice.family).toBe('blend');
    expect(choice.scores.blend).toBeLessThan(1);
    expect(choice.reason).toMatch(/^the blend ranks customers better than BG\/NBD \+ Gamma-Gamma and the network alone does not beat it on every metric \(/);
  });

  it('uses the network alone only when it beats the blend on all four metrics', () => {
    const choice = chooseFamily(MODEL_FAMILIES, { btyd: metrics(0.7, 0.22, 0.7, 0.3), ziln: metrics(0.76, 0.19, 0.82, 0.2), blend: metrics(0.74, 0.2, 0.78, 0.25) });

    expect(choice.family).toBe('ziln');
  });
});
