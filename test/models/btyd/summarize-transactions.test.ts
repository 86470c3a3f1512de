import { describe, expect, it } from 'vitest';
import { BtydInputError, summarizeTransactions } from '../../../models/btyd/index.js';

describe('summarizeTransactions', () => {
  it('counts repeat purchase days, sums same-day orders and ignores rows after asOf', () => {
    // Arrange
    const rows = [
      { customerId: 'a', date: '2024-01-01', amount: 10 },
      { customerId: 'a', date: '2024-01-08T09:00:00Z', amount: 5 },
      { customerId: 'a', date: '2024-01-08T17:30:00Z', amount: 7 },
      { customerId: 'b', date: new Date(Date.UTC(2024, 0, 15)), amount: 3 },
      { customerId: 'a', date: '2024-01-15', amount: 20 },
      { customerId: 'a', date: '2024-02-01', amount: 99 },
      { customerId: 'c', date: '2024-02-01', amount: 1 },
    ];

    // Act
    const summaries = summarizeTransactions(rows, '2024-01-29', 7);

    // Assert: a's repeat days are Jan 8 (5 + 7) and Jan 15 (20)
    expect(summaries).toEqual([
      { customerId: 'a', x: 2, tx: 2, T: 4, mx: 16, firstDate: '2024-01-01', lastDate: '2024-01-15' },
      { customerId: 'b', x: 0, tx: 0, T: 2, mx: 0, firstDate: '2024-01-15', lastDate: '2024-01-15' },
    ]);
  });

  it('does not count extra orders on the first day as repeat transactions', () => {
    // Arrange
    const rows = [
      { customerId: 'a', date: '2024-03-01', amount: 4 },
      { customerId: 'a', date: '2024-03-01', amount: 6 },
    ];

    // Act
    const [summary] = summarizeTransactions(rows, '2024-03-11', 1);

    // Assert
    expect(summary).toMatchObject({ x: 0, tx: 0, T: 10, mx: 0 });
  });

  it('rejects malformed dates, non-finite amounts and a non-positive unit', () => {
    // Arrange
    const row = { customerId: 'a', date: '2024-01-01', amount: 1 };

    // Act and assert
    expect(() => summarizeTransactions([{ ...row, date: '01/02/2024' }], '2024-02-01', 1)).toThrow(BtydInputError);
    expect(() => summarizeTransactions([{ ...row, date: '2024-02-30' }], '2024-03-01', 1)).toThrow(BtydInputError);
    expect(() => summarizeTransactions([{ ...row, amount: Number.NaN }], '2024-02-01', 1)).toThrow(BtydInputError);
    expect(() => summarizeTransactions([row], '2024-02-01', 0)).toThrow(BtydInputError);
  });
});
