import type { LatentBehaviour } from './customer-behaviour.js';
import { beta, gamma } from './distributions.js';
import type { RandomSource } from './random-source.js';

/**
 * What a data team typically knows about a person beyond the profile: web visits, how they react
 * to email, what they browse, and whether they agreed to ads. Customers and prospects draw these
 * from the same latent behaviour (purchase rate, dropout, order value), so a prospect of the loyal,
 * high-spending kind looks like such a customer: the honest signal a lookalike model should find.
 */
export interface ProfileExtras {
  /** Web sessions in the last 30 days. */
  webSessions: string;
  /** Share of marketing emails opened, 0 to 1. */
  emailEngagement: string;
  /** The category browsed most: premium, everyday or bargain. */
  productInterest: string;
  /** yes, no, or empty (never asked). */
  marketingConsent: string;
}

export const PRODUCT_INTERESTS = ['premium', 'everyday', 'bargain'] as const;

/** Order values at which interest tips from bargain to everyday and from everyday to premium (the population's mean is about 60). */
const BARGAIN_BELOW = 40;
const PREMIUM_FROM = 80;
/** Share of people whose browsing says nothing about their spend. */
const INTEREST_NOISE = 0.3;
const CONSENT_SHARES = { yes: 0.78, no: 0.12 } as const;
/** Gamma shape of web sessions around their mean: how noisy visits are for a given behaviour. */
const SESSIONS_SHAPE = 4;

/** How much of their usual web and email activity people keep once they have drifted away (stopped buying, or a lead gone cold). */
const DISENGAGED_ACTIVITY = 0.15;

/**
 * `engaged`: whether the person is still in touch on the extract's day: a customer who has not
 * dropped out, a lead who has not gone cold. Web visits and email opens are recent behaviour, so
 * people who drifted away show little of either, as real analytics exports do.
 */
export function sampleProfileExtras(random: RandomSource, behaviour: LatentBehaviour, engaged: boolean): ProfileExtras {
  const activity = (behaviour.oneTimeBuyer ? 0.3 : 1) * (engaged ? 1 : DISENGAGED_ACTIVITY);
  // Low dropout (loyal) people visit more often and open more of what is sent to them.
  const loyalty = Math.max(0, 1 - behaviour.dropoutPerOrder * 12) * activity;
  const meanSessions = 1 + 0.5 * behaviour.purchasesPerYear * activity * (0.4 + 0.6 * loyalty);
  const webSessions = Math.round(gamma(random, SESSIONS_SHAPE, meanSessions / SESSIONS_SHAPE));
  const emailEngagement = beta(random, 1 + 8 * loyalty, 3);
  const interest = random.chance(INTEREST_NOISE)
    ? PRODUCT_INTERESTS[random.integer(0, PRODUCT_INTERESTS.length - 1)]!
    : behaviour.meanOrderValue >= PREMIUM_FROM ? 'premium' : behaviour.meanOrderValue < BARGAIN_BELOW ? 'bargain' : 'everyday';
  const consentDraw = random.uniform();
  const marketingConsent = consentDraw < CONSENT_SHARES.yes ? 'yes' : consentDraw < CONSENT_SHARES.yes + CONSENT_SHARES.no ? 'no' : '';
  return { webSessions: String(webSessions), emailEngagement: emailEngagement.toFixed(2), productInterest: interest, marketingConsent };
}
