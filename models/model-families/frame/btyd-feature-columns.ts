import type { BtydPredictions } from '../../btyd-predictor/index.js';
import type { CustomerColumns } from '../../features/append-feature-columns.js';

const EPSILON = 1e-6;
const logit = (p: number): number => {
  const q = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
  return Math.log(q / (1 - q));
};

/** BTYD outputs as network inputs, on scales where they are roughly symmetric (logits and logs). */
export function btydFeatureColumns(predictions: BtydPredictions): CustomerColumns {
  const column = (value: (i: number) => number) => {
    const out = new Float64Array(predictions.customerIds.length);
    for (let i = 0; i < out.length; i += 1) out[i] = value(i);
    return out;
  };
  const columns = {
    btyd_logit_churn: column((i) => logit(predictions.churnProbability[i]!)),
    btyd_logit_alive: column((i) => logit(predictions.probabilityAlive[i]!)),
    btyd_log_expected_transactions: column((i) => Math.log1p(predictions.expectedTransactions[i]!)),
    btyd_log_average_spend: column((i) => Math.log1p(predictions.expectedAverageSpend[i]!)),
    btyd_log_expected_spend: column((i) => Math.log1p(predictions.expectedSpend[i]!)),
  };
  return { customerIds: predictions.customerIds, columns };
}
