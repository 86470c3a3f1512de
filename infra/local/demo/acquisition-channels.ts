export const ACQUISITION_CHANNELS = [
  'organic',
  'paid_search',
  'paid_social',
  'email',
  'referral',
  'affiliate',
] as const;
export type AcquisitionChannel = (typeof ACQUISITION_CHANNELS)[number];

/** Share of new customers each channel brings. */
export const CHANNEL_MIX: Readonly<Record<AcquisitionChannel, number>> = {
  organic: 0.3,
  paid_search: 0.22,
  paid_social: 0.18,
  email: 0.1,
  referral: 0.1,
  affiliate: 0.1,
};

/**
 * How the channel shifts a customer's latent behaviour, as multipliers on the population's
 * purchase rate, per-order spend and dropout probability, plus its own share of one-time buyers.
 * Referred and email-acquired customers are the loyal, high-spending ones; paid social brings
 * bargain hunters who churn fast. These links are the signal lookalike modelling should find.
 */
export interface ChannelEffect {
  purchaseRate: number;
  spend: number;
  dropout: number;
  oneTimeShare: number;
}

export const CHANNEL_EFFECTS: Readonly<Record<AcquisitionChannel, ChannelEffect>> = {
  organic: { purchaseRate: 1.0, spend: 1.0, dropout: 1.0, oneTimeShare: 0.24 },
  paid_search: { purchaseRate: 0.95, spend: 0.95, dropout: 1.15, oneTimeShare: 0.28 },
  paid_social: { purchaseRate: 0.8, spend: 0.78, dropout: 1.7, oneTimeShare: 0.38 },
  email: { purchaseRate: 1.25, spend: 1.15, dropout: 0.7, oneTimeShare: 0.16 },
  referral: { purchaseRate: 1.2, spend: 1.3, dropout: 0.6, oneTimeShare: 0.14 },
  affiliate: { purchaseRate: 0.9, spend: 0.9, dropout: 1.3, oneTimeShare: 0.32 },
};
