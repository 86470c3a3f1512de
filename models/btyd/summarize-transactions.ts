import { BtydInputError } from './btyd-input-error.js';
import { calendarDay, isoDate } from './calendar-day.js';

export interface TransactionRow {
  customerId: string;
  /** A Date (its UTC day is used) or a string starting with YYYY-MM-DD. */
  date: Date | string;
  amount: number;
}

/** The BG/NBD and Gamma-Gamma inputs of one customer, in the caller's time unit. */
export interface CustomerTransactionSummary {
  customerId: string;
  /** Repeat transactions: distinct purchase days after the first. */
  x: number;
  /** Time from the first to the last purchase day. */
  tx: number;
  /** Time from the first purchase day to asOf. */
  T: number;
  /** Mean spend of the repeat transactions (a day's amounts summed); 0 when x = 0. */
  mx: number;
  /** YYYY-MM-DD */
  firstDate: string;
  /** YYYY-MM-DD */
  lastDate: string;
}

/**
 * Summarizes transactions into per-customer (x, tx, T, mx) as of `asOf` (inclusive; later rows are
 * ignored), with time measured in units of `unitDays` days (7 for weeks). A transaction is a
 * customer-day: several orders on one day count once, with their amounts summed, which is how the
 * CDNOW BG/NBD and Gamma-Gamma analyses count them. Customers appear in order of first appearance.
 */
export function summarizeTransactions(
  rows: readonly TransactionRow[],
  asOf: Date | string,
  unitDays: number,
): CustomerTransactionSummary[] {
  if (!(unitDays > 0) || !Number.isFinite(unitDays)) {
    throw new BtydInputError('unitDays must be a positive finite number', { cause: { unitDays } });
  }
  const asOfDay = calendarDay(asOf);
  const spendByDayByCustomer = new Map<string, Map<number, number>>();
  rows.forEach((row, index) => {
    if (!Number.isFinite(row.amount)) {
      throw new BtydInputError('transaction amount must be a finite number', { cause: { index, row } });
    }
    const day = calendarDay(row.date);
    if (day > asOfDay) return;
    let spendByDay = spendByDayByCustomer.get(row.customerId);
    if (spendByDay === undefined) {
      spendByDay = new Map();
      spendByDayByCustomer.set(row.customerId, spendByDay);
    }
    spendByDay.set(day, (spendByDay.get(day) ?? 0) + row.amount);
  });
  return [...spendByDayByCustomer].map(([customerId, spendByDay]) => {
    const days = [...spendByDay.keys()].sort((left, right) => left - right);
    const firstDay = days[0] ?? asOfDay;
    const lastDay = days[days.length - 1] ?? firstDay;
    const repeatDays = days.slice(1);
    const repeatSpend = repeatDays.reduce((sum, day) => sum + (spendByDay.get(day) ?? 0), 0);
    return {
      customerId,
      x: repeatDays.length,
      tx: (lastDay - firstDay) / unitDays,
      T: (asOfDay - firstDay) / unitDays,
      mx: repeatDays.length > 0 ? repeatSpend / repeatDays.length : 0,
      firstDate: isoDate(firstDay),
      lastDate: isoDate(lastDay),
    };
  });
}
