import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { fitBtydModels, loadBtydSummaries, predictBtyd, sampleSummaries } from '../btyd-predictor/index.js';
import { evaluatePredictions } from './evaluate-predictions.js';
import type { EvaluationMetrics } from './model-card.js';

export const BTYD_BASELINE = 'bg-nbd+gamma-gamma';

/**
 * BG/NBD + Gamma-Gamma fitted by maximum likelihood on orders up to `asOf` (customer-days, the
 * bounded fits that stop on the a -> 0 ridge), judged on the same customers and window as the model.
 */
export async function btydBaselineMetrics(
  db: DuckDbSession,
  input: { asOf: string; horizonDays: number; customerIds: string[]; actualSpend: number[] },
): Promise<EvaluationMetrics | null> {
  try {
    const summaries = await loadBtydSummaries(db, input.asOf);
    const predictions = predictBtyd(fitBtydModels(sampleSummaries(summaries)), summaries, input.horizonDays);
    const index = new Map(predictions.customerIds.map((id, i) => [id, i]));
    const at = (values: Float64Array, id: string) => values[index.get(id) ?? -1] ?? Number.NaN;
    const churn = input.customerIds.map((id) => at(predictions.churnProbability, id));
    const spend = input.customerIds.map((id) => at(predictions.expectedSpend, id));
    if (churn.some((p) => !Number.isFinite(p)) || spend.some((v) => !Number.isFinite(v))) return null;
    return evaluatePredictions(churn, spend, input.actualSpend);
  } catch {
    // Too few repeat buyers for a fit: the card then has no BTYD baseline.
    return null;
  }
}
