export const COUNTRIES = ['GB', 'US', 'DE', 'FR', 'NL', 'ES', 'AU'] as const;
export type Country = (typeof COUNTRIES)[number];

export const COUNTRY_MIX: Readonly<Record<Country, number>> = {
  GB: 0.3,
  US: 0.24,
  DE: 0.13,
  FR: 0.1,
  NL: 0.08,
  ES: 0.08,
  AU: 0.07,
};

/** Basket size differs by market (all amounts are in one reporting currency). */
export const COUNTRY_SPEND: Readonly<Record<Country, number>> = {
  GB: 1.0,
  US: 1.12,
  DE: 1.05,
  FR: 0.96,
  NL: 1.02,
  ES: 0.86,
  AU: 1.08,
};
