import type { OrderRow } from './demo-rows.js';
import type { RandomSource } from './random-source.js';

export const BAD_ROW_KINDS = [
  'unparseableDate',
  'nonNumericAmount',
  'implausibleAmount',
  'missingCustomerId',
  'overlongCustomerId',
  'controlCharacterInId',
  'duplicateRow',
] as const;
export type BadRowKind = (typeof BAD_ROW_KINDS)[number];
export type BadRowCounts = Record<BadRowKind, number>;

const BAD_ROW_SHARE = 0.001;
const UNPARSEABLE_DATES = ['2023-02-30', '2023-13-01', 'not a date', '20230-01-01'];
const NON_NUMERIC_AMOUNTS = ['abc', 'N/A', 'twelve', 'TBD'];
/** Beyond the ingest's ±1e9: an overflowed cell, a card number or barcode typed into the amount. */
const IMPLAUSIBLE_AMOUNTS = ['1e308', '2e12', '4111111111111111', '-9.99e10'];
/** Tab from a pasted spreadsheet cell, ASCII record and unit separators from legacy exports. */
const ID_CONTROL_CHARACTERS = ['\t', '\u001e', '\u001f'];
/** The ingest refuses ids longer than 256 characters. */
const OVERLONG_ID_LENGTH = 257;

/**
 * Spreads ~0.1% deliberately broken rows (at least one of each kind) through the orders, the
 * way a real export goes wrong: each copies a valid row and breaks one field, under a new order id,
 * except the duplicate, which repeats a row exactly.
 */
export function injectBadOrderRows(
  random: RandomSource,
  orders: readonly OrderRow[],
  newOrderId: () => string,
): { orders: OrderRow[]; counts: BadRowCounts } {
  const counts = noBadRows();
  if (orders.length === 0) return { orders: [...orders], counts };
  const total = Math.max(BAD_ROW_KINDS.length, Math.round(orders.length * BAD_ROW_SHARE));
  const inserts = Array.from({ length: total }, (_, index) => {
    const kind = BAD_ROW_KINDS[index % BAD_ROW_KINDS.length]!;
    counts[kind] += 1;
    const template = orders[random.integer(0, orders.length - 1)]!;
    return { position: random.integer(0, orders.length), row: breakRow(random, kind, template, newOrderId) };
  }).sort((a, b) => a.position - b.position);

  const merged: OrderRow[] = [];
  let next = 0;
  orders.forEach((order, position) => {
    while (inserts[next] !== undefined && inserts[next]!.position === position) merged.push(inserts[next++]!.row);
    merged.push(order);
  });
  while (next < inserts.length) merged.push(inserts[next++]!.row);
  return { orders: merged, counts };
}

export function noBadRows(): BadRowCounts {
  return Object.fromEntries(BAD_ROW_KINDS.map((kind) => [kind, 0])) as BadRowCounts;
}

function breakRow(random: RandomSource, kind: BadRowKind, template: OrderRow, newOrderId: () => string): OrderRow {
  if (kind === 'duplicateRow') return { ...template };
  const row = { ...template, orderId: newOrderId() };
  const pick = (values: readonly string[]) => values[random.integer(0, values.length - 1)]!;
  switch (kind) {
    case 'unparseableDate':
      return { ...row, orderDate: pick(UNPARSEABLE_DATES) };
    case 'nonNumericAmount':
      return { ...row, amount: pick(NON_NUMERIC_AMOUNTS) };
    case 'implausibleAmount':
      return { ...row, amount: pick(IMPLAUSIBLE_AMOUNTS) };
    case 'missingCustomerId':
      return { ...row, customerId: '' };
    case 'overlongCustomerId':
      return { ...row, customerId: overlongId(random, row.customerId) };
    case 'controlCharacterInId': {
      const at = random.integer(1, row.customerId.length - 1);
      return { ...row, customerId: `${row.customerId.slice(0, at)}${pick(ID_CONTROL_CHARACTERS)}${row.customerId.slice(at)}` };
    }
  }
}

/** The id over and over, as a runaway concatenation in the exporting spreadsheet leaves it. */
function overlongId(random: RandomSource, customerId: string): string {
  return customerId.repeat(Math.ceil(OVERLONG_ID_LENGTH / customerId.length) + random.integer(0, 20));
}
