import type { EvaluationMetrics, ModelCard } from '../../../models/churn-clv/index.js';

const f = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const n = (value: number) => value.toLocaleString('en-US');

const ROWS: [string, (m: EvaluationMetrics) => string][] = [
  ['customers', (m) => n(m.customers)],
  ['churn rate', (m) => `${f(m.churnRate * 100, 1)}%`],
  ['churn AUC', (m) => f(m.churnAuc)],
  ['churn Brier (lower is better)', (m) => f(m.churnBrier)],
  ['CLV normalised Gini', (m) => f(m.clvNormalizedGini)],
  ['CLV Spearman', (m) => f(m.clvSpearman)],
  ['CLV decile MAPE (lower is better)', (m) => f(m.clvDecileMape)],
  ['CLV total bias', (m) => `${f(m.clvTotalBias * 100, 1)}%`],
];

/** The model card as a readable table: the model's metrics beside each baseline's on the same split. */
export function formatModelCard(card: ModelCard): string[] {
  const columns: [string, EvaluationMetrics][] = [[card.family, card.metrics], ...Object.entries(card.baselines)];
  const width = Math.max(...ROWS.map(([label]) => label.length));
  const colWidth = Math.max(14, ...columns.map(([name]) => name.length + 2));
  const split = card.split;
  return [
    `Model ${card.version} (${card.family}), created ${card.createdAt}`,
    `Data: orders ${card.dataWindow.firstOrder} .. ${card.dataWindow.lastOrder}; horizon ${card.horizonDays} days`,
    split.kind === 'time'
      ? `Evaluation: time split. A twin trained on features as of ${split.trainFeaturesAsOf} (${n(split.trainingCustomers)} customers) predicted (${split.evaluationLabels.after}, ${split.evaluationLabels.until}] from features as of ${split.evaluationFeaturesAsOf} (${n(split.evaluationCustomers)} customers).`
      : `Evaluation: ${n(split.evaluationCustomers)} held-out customers (history too short for a time split); trained on ${n(split.trainingCustomers)}; labels (${split.evaluationLabels.after}, ${split.evaluationLabels.until}].`,
    '',
    `${''.padEnd(width)}  ${columns.map(([name]) => name.padStart(colWidth)).join('')}`,
    ...ROWS.map(([label, value]) => `${label.padEnd(width)}  ${columns.map(([, m]) => value(m).padStart(colWidth)).join('')}`),
    '',
    'Churn calibration by decile of predicted probability (model):',
    '  decile  predicted  observed  customers',
    ...card.metrics.calibration.map(
      (row) => `  ${String(row.decile).padStart(6)}  ${f(row.meanPredicted).padStart(9)}  ${f(row.observedRate).padStart(8)}  ${n(row.count).padStart(9)}`,
    ),
  ];
}
