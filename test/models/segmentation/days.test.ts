import { describe, expect, it } from 'vitest';
import { epochDayOf, isoDayOf } from '../../../models/segmentation/days.js';

describe('epochDayOf', () => {
  it('agrees with Date for every day from 1888 to 2134', () => {
    for (let day = -30_000; day < 60_000; day += 1) expect(epochDayOf(isoDayOf(day))).toBe(day);
  });

  it('reads a timestamp by its day, a Date, and refuses days that do not exist', () => {
    expect(epochDayOf('2024-12-31T10:00:00Z')).toBe(epochDayOf('2024-12-31'));
    expect(epochDayOf(new Date(Date.UTC(2024, 1, 29)))).toBe(epochDayOf('2024-02-29'));
    expect([epochDayOf('2024-02-30'), epochDayOf('2023-02-29'), epochDayOf('2024-13-01'), epochDayOf('2024-1-01'), epochDayOf(null), epochDayOf(20240101)]).toEqual(Array(6).fill(Number.NaN));
  });
});
