import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../infra/local/demo/generate-demo-data.js';

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

describe('the demo profiles extras', () => {
  const data = generateDemoData({ customers: 3000, prospects: 3000 });

  it('draws customers and prospects extras from the same latent behaviour: frequent buyers have more web sessions, high spenders browse premium', () => {
    for (const [rows, truth] of [[data.customers, data.truth.customers], [data.prospects, data.truth.prospects]] as const) {
      const sessions = rows.map((r) => Number(r.webSessions));
      const frequent = truth.map((t, i) => (t.purchasesPerYear > 20 && !t.oneTimeBuyer ? i : -1)).filter((i) => i >= 0);
      const rare = truth.map((t, i) => (t.purchasesPerYear < 5 ? i : -1)).filter((i) => i >= 0);
      expect(mean(frequent.map((i) => sessions[i]!))).toBeGreaterThan(2 * mean(rare.map((i) => sessions[i]!)));
      const premium = truth.filter((_, i) => rows[i]!.productInterest === 'premium').map((t) => t.meanOrderValue);
      const bargain = truth.filter((_, i) => rows[i]!.productInterest === 'bargain').map((t) => t.meanOrderValue);
      expect(mean(premium)).toBeGreaterThan(1.5 * mean(bargain));
    }
  });

  it('asks about consent: mostly yes, some no, some never asked (empty)', () => {
    const answers = data.prospects.map((p) => p.marketingConsent);
    const share = (answer: string) => answers.filter((a) => a === answer).length / answers.length;
    expect(share('yes')).toBeGreaterThan(0.7);
    expect(share('no')).toBeGreaterThan(0.08);
    expect(share('')).toBeGreaterThan(0.05);
  });

  it('left the orders as they were: the extras have a random stream of their own', () => {
    const again = generateDemoData({ customers: 3000, prospects: 3000 });
    expect(again.orders).toEqual(data.orders);
    expect(data.customers[0]).toMatchObject({ customerId: 'C000001', email: expect.any(String), webSessions: expect.stringMatching(/^\d+$/), emailEngagement: expect.stringMatching(/^[01]\.\d{2}$/) });
  });
});
