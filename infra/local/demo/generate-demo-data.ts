import { ACQUISITION_CHANNELS, CHANNEL_MIX, type AcquisitionChannel } from './acquisition-channels.js';
import { injectBadOrderRows, noBadRows, type BadRowCounts } from './bad-order-rows.js';
import { buildDayTable } from './calendar.js';
import { sampleBehaviour } from './customer-behaviour.js';
import type { CustomerRow, CustomerTruth, OrderRow, ProspectRow, ProspectTruth } from './demo-rows.js';
import { resolveDemoOptions, type DemoDataOptions } from './demo-options.js';
import { sortOrdersByDay, type SimulatedOrders } from './order-book.js';
import { createPhoneNumbers } from './phone-numbers.js';
import { sampleProfileExtras } from './profile-extras.js';
import { profileFields, sampleProfile, type ProfileSampler } from './profiles.js';
import { simulatePurchases } from './purchase-history.js';
import { createRandomStreams, type RandomSource } from './random-source.js';
import { addReturnsAndFreeOrders, type ReturnAndFreeOrderCounts } from './returns-and-free-orders.js';

export interface DemoData {
  customers: CustomerRow[];
  orders: OrderRow[];
  prospects: ProspectRow[];
  /** How many bad order rows of each kind are mixed into `orders` (all zero without injectBadRows). */
  badRows: BadRowCounts;
  /** Valid rows the ingest keeps: returns (negative amounts, order id `R` + the returned order's) and free orders (0.00). */
  returnsAndFreeOrders: ReturnAndFreeOrderCounts;
  truth: { customers: CustomerTruth[]; prospects: ProspectTruth[] };
}

const MISSING_PHONE_SHARE = 0.1;
const INTERNATIONAL_PHONE_SHARE = 0.12;
/** Prospects come through the customers' channels, plus a broad top-of-funnel mix. */
const PROSPECT_CHANNEL_MIX = Object.fromEntries(
  ACQUISITION_CHANNELS.map((channel) => [channel, 0.7 * CHANNEL_MIX[channel] + 0.3 / ACQUISITION_CHANNELS.length]),
) as Record<AcquisitionChannel, number>;

const id = (prefix: string, n: number, width: number) => `${prefix}${String(n).padStart(width, '0')}`;

/** A deterministic, realistic demo data set: the same options always give byte-identical rows. */
export function generateDemoData(options: DemoDataOptions = {}): DemoData {
  const resolved = resolveDemoOptions(options);
  // The extras' stream is the last: streams are independent, so adding it left every other value as it was.
  const [customerStream, prospectStream, phoneStream, badRowStream, returnStream, extrasStream] = createRandomStreams(resolved.seed, 6) as [
    RandomSource, RandomSource, RandomSource, RandomSource, RandomSource, RandomSource,
  ];
  const days = buildDayTable(resolved.firstDay, resolved.lastDay);
  const phoneNumber = createPhoneNumbers(phoneStream, {
    missingShare: MISSING_PHONE_SHARE,
    internationalShare: INTERNATIONAL_PHONE_SHARE,
  });

  const simulated = simulateCustomers({ random: customerStream, days, phoneNumber }, resolved.customers, extrasStream);
  const sorted = sortOrdersByDay(simulated.orders, days);
  const book = addReturnsAndFreeOrders(returnStream, sorted, days);
  const orderRows = book.orders.map((order) => ({
    orderId: `${order.isReturn ? 'R' : ''}${id('O', order.orderNumber, 7)}`,
    customerId: simulated.customers[order.customer]?.customerId ?? '',
    orderDate: days.iso(order.day),
    amount: (order.cents / 100).toFixed(2),
  }));
  let nextOrderNumber = sorted.length;
  const { orders, counts } = resolved.injectBadRows
    ? injectBadOrderRows(badRowStream, orderRows, () => id('O', ++nextOrderNumber, 7))
    : { orders: orderRows, counts: noBadRows() };

  const prospects = simulateProspects(
    { random: prospectStream, days, phoneNumber, channelMix: PROSPECT_CHANNEL_MIX },
    resolved.prospects,
    resolved.customers,
    extrasStream,
    // Leads go cold as often as customers drift away: the same share is still in touch.
    engagedShareOf(simulated.truth),
  );
  return {
    customers: simulated.customers,
    orders,
    prospects: prospects.rows,
    badRows: counts,
    returnsAndFreeOrders: book.counts,
    truth: { customers: simulated.truth, prospects: prospects.truth },
  };
}

const engagedShareOf = (truth: readonly CustomerTruth[]): number =>
  truth.length === 0 ? 1 : truth.filter((t) => t.droppedOutAfter === null).length / truth.length;

function simulateCustomers(sampler: ProfileSampler, count: number, extras: RandomSource) {
  const customers: CustomerRow[] = [];
  const truth: CustomerTruth[] = [];
  const orders: SimulatedOrders = { customer: [], day: [], cents: [] };
  for (let index = 0; index < count; index += 1) {
    const customerId = id('C', index + 1, 6);
    const profile = sampleProfile(sampler, index + 1);
    const behaviour = sampleBehaviour(sampler.random, profile.acquisitionChannel, profile.country);
    const history = simulatePurchases(sampler.random, behaviour, profile.arrivalDay, sampler.days);
    history.days.forEach((day, order) => {
      orders.customer.push(index);
      orders.day.push(day);
      orders.cents.push(history.amountsInCents[order] ?? 0);
    });
    const engaged = history.droppedOutAfter === null;
    customers.push({ customerId, ...profileFields(profile, sampler.days), ...sampleProfileExtras(extras, behaviour, engaged) });
    const droppedOutAfter = history.droppedOutAfter === null ? null : sampler.days.iso(history.droppedOutAfter);
    truth.push({ customerId, ...behaviour, droppedOutAfter });
  }
  return { customers, truth, orders };
}

/** Prospects are drawn from the customers' latent behaviour (as if acquired), and their extras from it, like customers'. */
function simulateProspects(sampler: ProfileSampler, count: number, customerCount: number, extras: RandomSource, engagedShare: number) {
  const rows: ProspectRow[] = [];
  const truth: ProspectTruth[] = [];
  for (let index = 0; index < count; index += 1) {
    const prospectId = id('P', index + 1, 6);
    const profile = sampleProfile(sampler, customerCount + index + 1);
    const behaviour = sampleBehaviour(sampler.random, profile.acquisitionChannel, profile.country);
    rows.push({ prospectId, ...profileFields(profile, sampler.days), ...sampleProfileExtras(extras, behaviour, extras.chance(engagedShare)) });
    truth.push({ prospectId, ...behaviour });
  }
  return { rows, truth };
}
