import type { BtydPredictions } from '../../btyd-predictor/index.js';
import type { CustomerColumns } from '../../features/extra-feature-columns.js';

const EPSILON = 1e-6;
const logit = (p: number): number => {
  const q = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
  return Math.log(q / (1 - q));
};

/** BTYD outputs as network inputs, on scales where they are roughly symmetric (logits and logs). */
export function btydFeatureColumns(predictions: BtydPredictions): CustomerColumns {
  const n = predictions.customerIds.length;
  const columns = {
    btyd_logit_churn: new Float64Array(n),
    btyd_logit_alive: new Float64Array(n),
    btyd_log_expected_transactions: new Float64Array(n),
    btyd_log_average_spend: new Float64Array(n),
    btyd_log_expected_spend: new Float64Array(n),
  };
  for (let i = 0; i < n; i += 1) {
    columns.btyd_logit_churn[i] = logit(predictions.churnProbability[i]!);
    columns.btyd_logit_alive[i] = logit(predictions.probabilityAlive[i]!);
    columns.btyd_log_expected_transactions[i] = Math.log1p(predictions.expectedTransactions[i]!);
    columns.btyd_log_average_spend[i] = Math.log1p(predictions.expectedAverageSpend[i]!);
    columns.btyd_log_expected_spend[i] = Math.log1p(predictions.expectedSpend[i]!);
  }
  return { customerIds: predictions.customerIds, columns };
}
