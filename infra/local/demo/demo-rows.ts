import type { AcquisitionChannel } from './acquisition-channels.js';
import type { Country } from './countries.js';
import type { LatentBehaviour } from './customer-behaviour.js';
import type { ProfileExtras } from './profile-extras.js';

/** One line of customers.csv. Every field is text, exactly as written to the file. */
export interface CustomerRow extends ProfileExtras {
  customerId: string;
  email: string;
  phone: string;
  country: Country;
  signupDate: string;
  acquisitionChannel: AcquisitionChannel;
}

/** One line of prospects.csv: the same profile, no orders. */
export interface ProspectRow extends Omit<CustomerRow, 'customerId'> {
  prospectId: string;
}

/** One line of orders.csv.gz. Text, because the injected bad rows carry values that aren't dates or amounts. */
export interface OrderRow {
  orderId: string;
  customerId: string;
  orderDate: string;
  amount: string;
}

/** The hidden process behind a customer's orders, for judging how well the models recover it. */
export interface CustomerTruth extends LatentBehaviour {
  customerId: string;
  /** ISO date of the last order before dropping out; null if still active on the last day. */
  droppedOutAfter: string | null;
}

/** How a prospect would behave if acquired: what a lookalike audience hopes to pick out. */
export interface ProspectTruth extends LatentBehaviour {
  prospectId: string;
}

/** The profile columns, then consent and the extra columns the demo's configuration declares (profile.columns). */
const PROFILE_COLUMNS = ['email', 'phone', 'country', 'signup_date', 'acquisition_channel', 'marketing_consent', 'web_sessions', 'email_engagement', 'product_interest'] as const;
export const CUSTOMER_COLUMNS = ['customer_id', ...PROFILE_COLUMNS] as const;
export const PROSPECT_COLUMNS = ['prospect_id', ...PROFILE_COLUMNS] as const;
export const ORDER_COLUMNS = ['order_id', 'customer_id', 'order_date', 'amount'] as const;

const profileCells = (row: Omit<CustomerRow, 'customerId'>) =>
  [row.email, row.phone, row.country, row.signupDate, row.acquisitionChannel, row.marketingConsent, row.webSessions, row.emailEngagement, row.productInterest];
export const customerFields = (row: CustomerRow) => [row.customerId, ...profileCells(row)];
export const prospectFields = (row: ProspectRow) => [row.prospectId, ...profileCells(row)];
export const orderFields = (row: OrderRow) => [row.orderId, row.customerId, row.orderDate, row.amount];
