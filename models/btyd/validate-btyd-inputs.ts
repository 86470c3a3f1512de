import { BtydInputError } from './btyd-input-error.js';
import type { BgNbdCustomer } from './bg-nbd-types.js';

export function assertBgNbdCustomer(customer: BgNbdCustomer, index?: number): void {
  const { x, tx, T } = customer;
  const valid = Number.isInteger(x) && x >= 0 && Number.isFinite(T) && T >= 0 && tx >= 0 && tx <= T;
  if (!valid) {
    throw new BtydInputError('BG/NBD customer needs integer x >= 0 and 0 <= tx <= T (finite)', {
      cause: { index, customer },
    });
  }
}

/** Pass only the model's parameters (not a whole fit result, whose log-likelihood is negative). */
export function assertPositiveParams(model: string, params: Readonly<Record<string, number>>): void {
  // Called once per customer by the closed forms: no arrays allocated on the way.
  for (const name in params) {
    const value = params[name]!;
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new BtydInputError(`${model}: parameter ${name} must be a positive finite number`, {
        cause: { params },
      });
    }
  }
}

export function assertHorizon(horizon: number): void {
  if (!(horizon >= 0) || !Number.isFinite(horizon)) {
    throw new BtydInputError('horizon must be a finite number >= 0', { cause: { horizon } });
  }
}
