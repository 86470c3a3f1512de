import { CHANNEL_MIX, type AcquisitionChannel } from './acquisition-channels.js';
import { arrivalDay } from './arrival-days.js';
import type { DayTable } from './calendar.js';
import { COUNTRY_MIX, type Country } from './countries.js';
import { exponential, weightedPick } from './distributions.js';
import { emailAddress } from './email-addresses.js';
import type { RandomSource } from './random-source.js';

/** Profile fields of a customer or prospect, as they appear in the extracts. */
export interface DemoProfile {
  /** When the person first shows up: a customer's first order, a prospect's lead capture. */
  arrivalDay: number;
  email: string;
  /** Empty when the person gave none. */
  phone: string;
  country: Country;
  signupDay: number;
  acquisitionChannel: AcquisitionChannel;
}

export interface ProfileSampler {
  random: RandomSource;
  days: DayTable;
  phoneNumber(country: Country): string;
  channelMix?: Readonly<Record<AcquisitionChannel, number>>;
}

const SIGNED_UP_BEFORE_FIRST_ORDER = 0.3;
const MEAN_DAYS_BEFORE_FIRST_ORDER = 30;

/** Some people created their account a while before they arrived, so signup can precede arrival. */
export function sampleProfile(
  { random, days, phoneNumber, channelMix = CHANNEL_MIX }: ProfileSampler,
  uniqueNumber: number,
): DemoProfile {
  const arrival = arrivalDay(random, days);
  const country = weightedPick(random, COUNTRY_MIX);
  const acquisitionChannel = weightedPick(random, channelMix);
  const lead = random.chance(SIGNED_UP_BEFORE_FIRST_ORDER)
    ? Math.floor(exponential(random, 1 / MEAN_DAYS_BEFORE_FIRST_ORDER))
    : 0;
  return {
    arrivalDay: arrival,
    email: emailAddress(random, uniqueNumber),
    phone: phoneNumber(country),
    country,
    signupDay: Math.max(days.first, arrival - lead),
    acquisitionChannel,
  };
}

/** The profile columns shared by customers.csv and prospects.csv. */
export function profileFields(profile: DemoProfile, days: DayTable) {
  return {
    email: profile.email,
    phone: profile.phone,
    country: profile.country,
    signupDate: days.iso(profile.signupDay),
    acquisitionChannel: profile.acquisitionChannel,
  };
}
