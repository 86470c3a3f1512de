import { BtydInputError } from './btyd-input-error.js';
import type { GammaGammaParams } from './gamma-gamma-types.js';
import { assertPositiveParams } from './validate-btyd-inputs.js';

/**
 * E[spend per transaction | x, mx] under Gamma-Gamma (Fader & Hardie 2013): a weighted mean of
 * the population mean p v / (q - 1) and the customer's own mean mx,
 *   (q - 1) / (p x + q - 1) * p v / (q - 1) + p x / (p x + q - 1) * mx = (p v + p x mx) / (p x + q - 1).
 * With x = 0 (mx is then ignored) it is the population mean. Needs q > 1, else that mean is infinite.
 */
export function expectedAverageSpend(params: GammaGammaParams, x: number, mx: number): number {
  const { p, q, v } = params;
  assertPositiveParams('Gamma-Gamma', { p, q, v });
  if (!(q > 1)) {
    throw new BtydInputError('Gamma-Gamma expected spend needs q > 1 (the population mean is infinite otherwise)', {
      cause: { params: { p, q, v } },
    });
  }
  if (!(x >= 0) || !Number.isFinite(x) || (x > 0 && !Number.isFinite(mx))) {
    throw new BtydInputError('expectedAverageSpend needs x >= 0 and a finite mx', { cause: { x, mx } });
  }
  const ownMean = x > 0 ? mx : 0;
  return (p * v + p * x * ownMean) / (p * x + q - 1);
}
