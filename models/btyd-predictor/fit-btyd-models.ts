import type { BgNbdFit, GammaGammaFit } from '../btyd/index.js';
import { fitBgNbdBounded } from './fit-bg-nbd-bounded.js';
import { BtydPredictionError } from './btyd-prediction-error.js';
import { fitGammaGammaScaled } from './fit-gamma-gamma-scaled.js';
import type { BtydSummaries } from './btyd-summaries.js';

/** Fewer repeat buyers than this and Gamma-Gamma is not fitted; spend per transaction is then the population mean. */
export const MIN_REPEAT_BUYERS = 30;

export interface BtydModels {
  asOf: string;
  customers: number;
  repeatBuyers: number;
  bgNbd: BgNbdFit;
  /** Null when there were too few repeat buyers or the fit had no finite mean (q <= 1). */
  gammaGamma: GammaGammaFit | null;
  /** Mean spend per purchase day over every customer-day: the fallback spend per transaction. */
  meanSpendPerDay: number;
}

/**
 * Fits BG/NBD (time in days) on every customer and Gamma-Gamma on the repeat buyers whose repeat
 * purchases were worth something (free orders and full refunds leave mx = 0, outside its support),
 * by maximum likelihood.
 */
export function fitBtydModels(summaries: BtydSummaries): BtydModels {
  const n = summaries.customerIds.length;
  if (n === 0) throw new BtydPredictionError(`No customers with orders on or before ${summaries.asOf}.`);
  const customers = Array.from({ length: n }, (_, i) => ({ x: summaries.x[i]!, tx: summaries.tx[i]!, T: summaries.T[i]! }));
  const repeat = Array.from({ length: n }, (_, i) => ({ x: summaries.x[i]!, mx: summaries.mx[i]! })).filter((c) => c.x > 0 && c.mx > 0);
  let days = 0;
  let spend = 0;
  for (let i = 0; i < n; i += 1) {
    days += 1 + summaries.x[i]!;
    spend += summaries.firstSpend[i]! + summaries.x[i]! * summaries.mx[i]!;
  }
  const gammaGamma = repeat.length >= MIN_REPEAT_BUYERS ? fitGammaGammaScaled(repeat) : null;
  return {
    asOf: summaries.asOf,
    customers: n,
    repeatBuyers: repeat.length,
    bgNbd: fitBgNbdBounded(customers),
    gammaGamma: gammaGamma && gammaGamma.q > 1 && Number.isFinite(gammaGamma.logLikelihood) ? gammaGamma : null,
    meanSpendPerDay: spend / days,
  };
}
