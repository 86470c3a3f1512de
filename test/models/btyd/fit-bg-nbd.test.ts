import { beforeAll, describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, BtydInputError, fitBgNbd, type BgNbdFit } from '../../../models/btyd/index.js';
import { simulateBgNbd } from './simulate-btyd.js';

const truth = { r: 0.6, alpha: 5, a: 0.9, b: 3 };
const simulated = simulateBgNbd(truth, 20_000, [20, 60], 0, 7);

describe('fitBgNbd', () => {
  let fit: BgNbdFit;
  beforeAll(() => {
    fit = fitBgNbd(simulated);
  });

  it('recovers the parameters of simulated customers and beats the true parameters on likelihood', () => {
    // Assert (the fit is the shared act step above)
    expect(fit.converged).toBe(true);
    expect(fit.r).toBeGreaterThan(truth.r * 0.9);
    expect(fit.r).toBeLessThan(truth.r * 1.1);
    expect(fit.alpha).toBeGreaterThan(truth.alpha * 0.85);
    expect(fit.alpha).toBeLessThan(truth.alpha * 1.15);
    expect(fit.a).toBeGreaterThan(truth.a * 0.7);
    expect(fit.a).toBeLessThan(truth.a * 1.3);
    expect(fit.b).toBeGreaterThan(truth.b * 0.7);
    expect(fit.b).toBeLessThan(truth.b * 1.3);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, simulated));
  });

  it('reaches the same optimum from a distant starting point', () => {
    // Act
    const fromFarAway = fitBgNbd(simulated, { initialParams: { r: 20, alpha: 0.01, a: 50, b: 0.05 } });

    // Assert
    expect(fromFarAway.converged).toBe(true);
    expect(fromFarAway.logLikelihood).toBeCloseTo(fit.logLikelihood, 4);
    expect(fromFarAway.r).toBeCloseTo(fit.r, 4);
    expect(fromFarAway.b / fit.b).toBeCloseTo(1, 3);
  });

  it('shrinks the log-parameters towards 0 under an L2 penalty', () => {
    // Act
    const penalized = fitBgNbd(simulated, { l2Penalty: 0.1 });

    // Assert
    const logNorm = ({ r, alpha, a, b }: typeof truth) => Math.hypot(...[r, alpha, a, b].map(Math.log));
    expect(logNorm(penalized)).toBeLessThan(logNorm(fit));
    expect(penalized.logLikelihood).toBeLessThan(fit.logLikelihood);
  });

  it('fits 50,000 customers in a few seconds', () => {
    // Arrange
    const customers = simulateBgNbd(truth, 50_000, [1, 104], 0, 11);
    const started = performance.now();

    // Act
    const largeFit = fitBgNbd(customers);

    // Assert
    expect(largeFit.converged).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('rejects no customers and a negative penalty', () => {
    // Act and assert
    expect(() => fitBgNbd([])).toThrow(BtydInputError);
    expect(() => fitBgNbd(simulated, { l2Penalty: -1 })).toThrow(BtydInputError);
  });
});
