import { addDays } from '../../features/dates.js';

/**
 * The three cut-offs of the time split that validates the model families. Final predictions are made as of `asOf`. The
 * validation predicts (validationCutoff, asOf] from data up to validationCutoff = asOf - horizon;
 * the network it validates is trained on labels (trainingCutoff, validationCutoff], features as of
 * trainingCutoff = asOf - 2 horizons. The final network is trained one horizon later, on labels
 * (validationCutoff, asOf], so validation mimics the final fit exactly, one horizon back in time.
 */
export interface ValidationWindows {
  asOf: string;
  horizonDays: number;
  validationCutoff: string;
  trainingCutoff: string;
}

export function validationWindows(asOf: string, horizonDays: number): ValidationWindows {
  return {
    asOf,
    horizonDays,
    validationCutoff: addDays(asOf, -horizonDays),
    trainingCutoff: addDays(asOf, -2 * horizonDays),
  };
}
