import { describe, expect, it } from 'vitest';
import {
  InvalidMappingError,
  formatColumnMappings,
  parseColumnMappings,
  parseMappingTarget,
} from '../../../infra/local/cli/commands/parse-column-mappings.js';
import { exitCodeOf } from '../../../infra/local/cli/output/exit-codes.js';

const ORDERS_ONLY = { kinds: ['orders'] as const, option: '--map' };
const EVERY_KIND = { kinds: ['orders', 'customers', 'prospects'] as const, option: '--map' };
const failure = (run: () => unknown): InvalidMappingError => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidMappingError) return error;
    throw error;
  }
  throw new Error('expected an InvalidMappingError');
};

describe('parseColumnMappings: one --map syntax', () => {
  it('reads <kind>.<column>=<header> for every kind, keeping dots, = and inner spaces of the header', () => {
    const mapping = parseColumnMappings(['orders.amount=Total', 'orders.order_date= Created at ', 'customers.email=E.Mail', 'prospects.prospect_id=Lead=Id'], EVERY_KIND);

    expect(mapping).toEqual({
      orders: { amount: 'Total', order_date: 'Created at' },
      customers: { email: 'E.Mail' },
      prospects: { prospect_id: 'Lead=Id' },
    });
    expect(formatColumnMappings(mapping)).toEqual(['orders.amount=Total', 'orders.order_date=Created at', 'customers.email=E.Mail', 'prospects.prospect_id=Lead=Id']);
  });

  it('lets a command that reads one kind leave the kind out, meaning the same thing', () => {
    expect(parseColumnMappings(['amount=Total'], ORDERS_ONLY)).toEqual(parseColumnMappings(['orders.amount=Total'], ORDERS_ONLY));
  });

  it('asks for the kind where the command reads several, suggesting the kinds that have the column', () => {
    expect(failure(() => parseColumnMappings(['amount=Total'], EVERY_KIND)).message).toBe(
      '--map "amount=Total": say which extract the column is in (orders.amount=Total); expected <kind>.<column>=<header>, e.g. orders.amount=Total.',
    );
    expect(failure(() => parseColumnMappings(['customer_id=Id'], EVERY_KIND)).message).toMatch(/\(orders\.customer_id=Id or customers\.customer_id=Id\)/);
  });

  it.each([
    ['amount', /^--map "amount": expected <kind>\.<column>=<header>, e\.g\. orders\.amount=Total\.$/],
    ['orders.amount=', /^--map "orders\.amount=": the header after "=" is empty/],
    ['orders.amount=  ', /the header after "=" is empty/],
    ['order.amount=Total', /^--map "order\.amount=Total": "order" is not an extract kind; use one of orders, customers, prospects/],
    ['orders.amout=Total', /^--map "orders\.amout=Total": orders extracts have no column "amout"; the columns that can be mapped are customer_id, order_date, amount, order_id\.$/],
    ['customers.amount=Total', /customers extracts have no column "amount"; the columns that can be mapped are customer_id, email, /],
  ])('refuses %j with a usage error naming the spec and the expected form or the valid columns', (entry, message) => {
    const error = failure(() => parseColumnMappings([entry], EVERY_KIND));

    expect(error.message).toMatch(message);
    expect(exitCodeOf(error)).toBe(1);
  });

  it('refuses a kind the command does not read', () => {
    expect(failure(() => parseColumnMappings(['customers.email=Mail'], ORDERS_ONLY)).message).toBe(
      '--map "customers.email=Mail": this command reads only orders extracts; expected [orders.]<column>=<header>, e.g. amount=Total.',
    );
  });

  it('refuses one column mapped to two headers, and one header read into two columns', () => {
    expect(failure(() => parseColumnMappings(['orders.amount=Total', 'amount=Net'], ORDERS_ONLY)).message).toBe(
      '--map orders.amount is mapped twice, to "Total" and to "Net"; keep one.',
    );
    expect(failure(() => parseColumnMappings(['orders.order_id=Id', 'orders.customer_id=Id'], EVERY_KIND)).message).toMatch(
      /orders\.order_id and orders\.customer_id are both mapped to "Id"/,
    );
    expect(parseColumnMappings(['orders.amount=Total', 'orders.amount=Total'], EVERY_KIND)).toEqual({ orders: { amount: 'Total' } });
  });
});

describe('parseMappingTarget: what config mapping clear removes', () => {
  it('reads nothing, a kind or a kind and a column (any column name, so a stale entry can be cleared)', () => {
    expect(parseMappingTarget(undefined)).toEqual({});
    expect(parseMappingTarget('customers')).toEqual({ kind: 'customers' });
    expect(parseMappingTarget('orders.amount')).toEqual({ kind: 'orders', column: 'amount' });
    expect(parseMappingTarget('orders.amout')).toEqual({ kind: 'orders', column: 'amout' });
  });

  it.each(['order', 'orders.', 'orders.amount.x', 'amount=Total'])('refuses %j', (target) => {
    expect(failure(() => parseMappingTarget(target)).message).toMatch(/expected a kind \(orders, customers, prospects\) or <kind>\.<column>, e\.g\. orders\.amount\.$/);
  });
});
