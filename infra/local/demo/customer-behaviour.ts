import { CHANNEL_EFFECTS, type AcquisitionChannel } from './acquisition-channels.js';
import { COUNTRY_SPEND, type Country } from './countries.js';
import { beta, gamma } from './distributions.js';
import type { RandomSource } from './random-source.js';

/** What drives a customer's orders; never in the extracts, but returned as ground truth for evaluation. */
export interface LatentBehaviour {
  /** While active (BG/NBD's lambda), before seasonality. */
  purchasesPerYear: number;
  /** Probability of becoming inactive after each order (BG/NBD's p). */
  dropoutPerOrder: number;
  /** Never orders again after the first order. */
  oneTimeBuyer: boolean;
  /** The mean of this customer's order values (Gamma-Gamma's p/nu). */
  meanOrderValue: number;
}

// Population parameters, chosen so 20,000 customers over three years place ~200,000 orders.
const RATE_SHAPE = 0.9;
const MEAN_PURCHASES_PER_YEAR = 18;
const DROPOUT_ALPHA = 1;
const DROPOUT_BETA = 22;
/** Gamma-Gamma: order values ~ Gamma(ORDER_VALUE_SHAPE, rate nu), nu ~ Gamma(SPEND_Q, rate SPEND_GAMMA). */
export const ORDER_VALUE_SHAPE = 4;
const SPEND_Q = 3;
const SPEND_GAMMA = 32;

export function sampleBehaviour(random: RandomSource, channel: AcquisitionChannel, country: Country): LatentBehaviour {
  const effect = CHANNEL_EFFECTS[channel];
  const purchasesPerYear = gamma(random, RATE_SHAPE, MEAN_PURCHASES_PER_YEAR / RATE_SHAPE) * effect.purchaseRate;
  const dropoutPerOrder = Math.min(0.95, beta(random, DROPOUT_ALPHA, DROPOUT_BETA) * effect.dropout);
  const nu = gamma(random, SPEND_Q, 1 / SPEND_GAMMA);
  const meanOrderValue = (ORDER_VALUE_SHAPE / nu) * effect.spend * COUNTRY_SPEND[country];
  return { purchasesPerYear, dropoutPerOrder, oneTimeBuyer: random.chance(effect.oneTimeShare), meanOrderValue };
}
