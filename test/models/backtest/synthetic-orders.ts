import { writeFile } from 'node:fs/promises';
import { addDays } from '../../../models/features/dates.js';
import { seededRandom } from '../../support/seeded-random.js';
import { sampleGamma } from '../btyd/simulate-btyd.js';

/**
 * Orders of `customers` customers over `days` days from 2023-01-01, as CSV: each customer starts
 * on a random day, buys at a Gamma-distributed rate and stops after each purchase with a
 * customer-specific probability; spend is lognormal around a customer-specific level.
 */
export function syntheticOrdersCsv(customers: number, days: number, seed: number): string {
  const random = seededRandom(seed);
  const lines = ['customer_id,order_date,amount'];
  for (let c = 0; c < customers; c += 1) {
    const rate = sampleGamma(random, 0.8, 30);
    const dropout = 0.05 + 0.3 * random();
    const level = Math.exp(3 + random());
    let day = Math.floor(random() * days * 0.7);
    while (day < days) {
      lines.push(`C${c},${addDays('2023-01-01', day)},${(level * Math.exp(0.4 * (random() - 0.5))).toFixed(2)}`);
      if (random() < dropout) break;
      day += 1 + Math.floor(-Math.log(1 - random()) / rate);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function writeSyntheticOrders(file: string, customers: number, days: number, seed: number): Promise<string> {
  const csv = syntheticOrdersCsv(customers, days, seed);
  await writeFile(file, csv, 'utf8');
  return csv;
}
