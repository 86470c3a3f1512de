import { dayNumber } from './calendar.js';

export interface DemoDataOptions {
  customers?: number;
  prospects?: number;
  seed?: number;
  /** First and last day (ISO `YYYY-MM-DD`, inclusive) of the order history. */
  start?: string;
  end?: string;
  /** Appends ~0.1% deliberately bad order rows, so the demo shows quarantine working. */
  injectBadRows?: boolean;
}

export interface ResolvedDemoOptions {
  customers: number;
  prospects: number;
  seed: number;
  firstDay: number;
  lastDay: number;
  injectBadRows: boolean;
}

export class DemoOptionsError extends Error {
  override name = 'DemoOptionsError';
}

export function resolveDemoOptions({
  customers = 20_000,
  prospects = 10_000,
  seed = 42,
  start = '2022-01-01',
  end = '2024-12-31',
  injectBadRows = true,
}: DemoDataOptions = {}): ResolvedDemoOptions {
  for (const [name, count] of [['customers', customers], ['prospects', prospects]] as const) {
    if (!Number.isInteger(count) || count < 0) {
      throw new DemoOptionsError(`${name} must be a whole number >= 0, got ${count}`);
    }
  }
  if (!Number.isInteger(seed)) throw new DemoOptionsError(`seed must be an integer, got ${seed}`);
  let firstDay: number;
  let lastDay: number;
  try {
    firstDay = dayNumber(start);
    lastDay = dayNumber(end);
  } catch (error) {
    throw new DemoOptionsError(`Invalid demo date range ${start}..${end}`, { cause: error });
  }
  if (lastDay < firstDay) throw new DemoOptionsError(`end (${end}) is before start (${start})`);
  return { customers, prospects, seed, firstDay, lastDay, injectBadRows };
}
