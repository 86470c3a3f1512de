import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { expectedSpend, fitBgNbd, fitGammaGamma, probabilityNoPurchase, summarizeTransactions } from '../btyd/index.js';
import { evaluatePredictions } from './evaluate-predictions.js';
import type { EvaluationMetrics } from './model-card.js';

export const BTYD_BASELINE = 'bg-nbd+gamma-gamma';
const WEEK = 7;

/**
 * BG/NBD + Gamma-Gamma fitted by maximum likelihood on orders up to `asOf` (in weeks, one
 * transaction per customer-day), judged on the same customers and window as the model.
 */
export async function btydBaselineMetrics(
  db: DuckDbSession,
  input: { asOf: string; horizonDays: number; customerIds: string[]; actualSpend: number[] },
): Promise<EvaluationMetrics | null> {
  const rows = await db.rows<{ customer_id: string; day: string; amount: number }>(`
    SELECT customer_id, strftime(CAST(order_date AS DATE), '%Y-%m-%d') AS day, sum(amount) AS amount
    FROM orders WHERE CAST(order_date AS DATE) <= DATE ${sqlString(input.asOf)} GROUP BY ALL`);
  const summaries = summarizeTransactions(rows.map((r) => ({ customerId: r.customer_id, date: r.day, amount: r.amount })), input.asOf, WEEK);
  const repeat = summaries.filter((s) => s.x > 0);
  try {
    const bgNbd = fitBgNbd(summaries);
    const gammaGamma = fitGammaGamma(repeat.map((s) => ({ x: s.x, mx: s.mx })));
    const byId = new Map(summaries.map((s) => [s.customerId, s]));
    const horizon = input.horizonDays / WEEK;
    const churn: number[] = [];
    const spend: number[] = [];
    for (const id of input.customerIds) {
      const s = byId.get(id);
      if (!s) return null;
      churn.push(probabilityNoPurchase(bgNbd, s, horizon));
      // Gamma-Gamma needs repeat spend; one-time buyers get the population mean through mx = 0, x = 0.
      spend.push(expectedSpend(bgNbd, gammaGamma, s, horizon));
    }
    if (churn.some((p) => !Number.isFinite(p)) || spend.some((v) => !Number.isFinite(v))) return null;
    return evaluatePredictions(churn, spend, input.actualSpend);
  } catch {
    // Too few repeat buyers for a fit: the card then has no BTYD baseline.
    return null;
  }
}
