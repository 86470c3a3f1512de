import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { BAD_ROW_KINDS, generateDemoData, type DemoData } from '../../../infra/local/demo/index.js';
import { cleanOrders, mean, purchasesOf, revenueByCustomer } from './order-statistics.js';

let data: DemoData;
let clean: ReturnType<typeof cleanOrders>;
let purchases: ReturnType<typeof cleanOrders>;

beforeAll(() => {
  data = generateDemoData();
  clean = cleanOrders(data.orders);
  purchases = purchasesOf(clean);
});

const daysIn = (year: number, months: number[]) =>
  months.reduce((sum, month) => sum + new Date(Date.UTC(year, month + 1, 0)).getUTCDate(), 0);

describe('generateDemoData with the defaults', () => {
  it('has 20,000 customers, 10,000 prospects and about 200,000 orders, every row with a unique id', () => {
    const orderIds = new Set(clean.map((order) => order.orderId));

    expect(data.customers).toHaveLength(20_000);
    expect(data.prospects).toHaveLength(10_000);
    expect(purchases.length).toBeGreaterThan(150_000);
    expect(purchases.length).toBeLessThan(250_000);
    expect(orderIds.size).toBe(clean.length);
    expect(new Set(data.customers.map((customer) => customer.customerId)).size).toBe(20_000);
  });

  it('keeps every date inside [start, end] and every first order on or after signup', () => {
    const firstOrder = new Map<string, string>();
    for (const order of purchases) if (!firstOrder.has(order.customerId)) firstOrder.set(order.customerId, order.orderDate);

    const allDates = [...clean.map((o) => o.orderDate), ...data.customers.map((c) => c.signupDate), ...data.prospects.map((p) => p.signupDate)];
    expect(allDates.every((date) => date >= '2022-01-01' && date <= '2024-12-31')).toBe(true);
    expect(data.customers.every((c) => (firstOrder.get(c.customerId) ?? '') >= c.signupDate)).toBe(true);
    expect(firstOrder.size).toBe(data.customers.length);
  });

  it('has between 20% and 60% single-order customers', () => {
    const totals = [...revenueByCustomer(clean).values()];

    const singleShare = totals.filter((total) => total.orders === 1).length / data.customers.length;

    expect(singleShare).toBeGreaterThan(0.2);
    expect(singleShare).toBeLessThan(0.6);
  });

  it('concentrates more than 35% of revenue in the top 10% of customers', () => {
    const revenues = [...revenueByCustomer(clean).values()].map((total) => total.revenue).sort((a, b) => b - a);

    const topDecile = revenues.slice(0, data.customers.length / 10).reduce((sum, revenue) => sum + revenue, 0);

    expect(topDecile / revenues.reduce((sum, revenue) => sum + revenue, 0)).toBeGreaterThan(0.35);
  });

  it.each([2022, 2023, 2024])('sells more per day in Nov-Dec %i than on an average day of that year', (year) => {
    const inYear = purchases.filter((order) => order.orderDate.startsWith(String(year)));
    const holiday = inYear.filter((order) => order.orderDate.slice(5, 7) >= '11');

    expect(holiday.length / daysIn(year, [10, 11])).toBeGreaterThan(inYear.length / daysIn(year, [...Array(12).keys()]));
  });

  it('has referral customers spending more than paid social ones', () => {
    const channel = new Map(data.customers.map((customer) => [customer.customerId, customer.acquisitionChannel]));
    const amountsFrom = (wanted: string) => purchases.filter((o) => channel.get(o.customerId) === wanted).map((o) => Number(o.amount));

    expect(mean(amountsFrom('referral'))).toBeGreaterThan(mean(amountsFrom('paid_social')));
  });

  it('follows about 4% of orders by a return of part or all of them, under R + the order id, days later', () => {
    const byId = new Map(clean.map((order) => [order.orderId, order]));
    const returns = clean.filter((order) => Number(order.amount) < 0);

    expect(returns).toHaveLength(data.returnsAndFreeOrders.returns);
    expect(returns.length / purchases.length).toBeGreaterThan(0.03);
    expect(returns.length / purchases.length).toBeLessThan(0.05);
    for (const returned of returns) {
      const order = byId.get(returned.orderId.replace(/^R/, ''));
      expect(returned.orderId).toMatch(/^RO\d{7}$/);
      expect(order?.customerId).toBe(returned.customerId);
      expect(returned.orderDate > (order?.orderDate ?? '9999')).toBe(true);
      expect(-Number(returned.amount)).toBeLessThanOrEqual(Number(order?.amount));
    }
  });

  it('has about 0.5% free orders (0.00), which are valid and never returned', () => {
    const free = clean.filter((order) => order.amount === '0.00');
    const returnedIds = new Set(clean.filter((order) => order.orderId.startsWith('R')).map((order) => order.orderId.slice(1)));

    expect(free).toHaveLength(data.returnsAndFreeOrders.freeOrders);
    expect(free.length / purchases.length).toBeGreaterThan(0.003);
    expect(free.length / purchases.length).toBeLessThan(0.007);
    expect(free.some((order) => returnedIds.has(order.orderId))).toBe(false);
  });

  it('mixes in about 0.1% bad order rows, at least one of each kind, and counts them', () => {
    const injected = BAD_ROW_KINDS.reduce((sum, kind) => sum + data.badRows[kind], 0);

    expect(BAD_ROW_KINDS.every((kind) => data.badRows[kind] >= 1)).toBe(true);
    expect(data.orders.length - clean.length).toBe(injected);
    expect(injected / data.orders.length).toBeCloseTo(0.001, 3);
  });

  it('gives everyone a unique email on a reserved example domain', () => {
    const emails = [...data.customers, ...data.prospects].map((person) => person.email);

    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((email) => /^[a-z]+\.[a-z]+\d+@([a-z-]+\.)*(example\.(com|org|net)|[a-z-]+\.example)$/.test(email))).toBe(true);
  });

  it('writes phones libphonenumber parses for the country, mostly valid and never shared', () => {
    const people = [...data.customers, ...data.prospects].filter((person) => person.phone !== '');
    const parsed = people.map((person) => parsePhoneNumberFromString(person.phone, person.country as CountryCode));
    const valid = parsed.filter((phone) => phone?.isValid()).map((phone) => phone?.number);

    expect(people.length / (data.customers.length + data.prospects.length)).toBeGreaterThan(0.85);
    expect(parsed.every((phone) => phone !== undefined)).toBe(true);
    expect(valid.length / people.length).toBeGreaterThan(0.95);
    expect(new Set(valid).size).toBe(valid.length);
  });
});

describe('generateDemoData options', () => {
  it('honours counts, the date range and injectBadRows: false', () => {
    const small = generateDemoData({ customers: 300, prospects: 40, start: '2023-06-01', end: '2023-12-31', injectBadRows: false });

    expect(small.customers).toHaveLength(300);
    expect(small.prospects).toHaveLength(40);
    expect(cleanOrders(small.orders)).toHaveLength(small.orders.length);
    expect(small.orders.every((order) => order.orderDate >= '2023-06-01' && order.orderDate <= '2023-12-31')).toBe(true);
    expect(Object.values(small.badRows).every((count) => count === 0)).toBe(true);
    expect(small.returnsAndFreeOrders.returns).toBeGreaterThan(0);
  });

  it('rejects an end before the start, impossible dates and negative counts', () => {
    expect(() => generateDemoData({ start: '2024-01-01', end: '2023-01-01' })).toThrow('before start');
    expect(() => generateDemoData({ start: '2023-02-30' })).toThrow('Invalid demo date range');
    expect(() => generateDemoData({ customers: -1 })).toThrow('customers must be');
  });
});
