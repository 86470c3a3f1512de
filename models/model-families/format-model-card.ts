import type { HoldoutMetrics } from '../evaluation/index.js';
import type { ModelFamily } from './choose-family.js';
import { BASELINES, type EvaluationMetrics, type ModelCard } from './model-card.js';

const BASELINE_ROWS: [string, string][] = [
  [BASELINES.btyd, 'BG/NBD + Gamma-Gamma (baseline)'],
  [BASELINES.gradientBoosting, 'gradient boosting (baseline)'],
];
const CANDIDATE_ROWS: [ModelFamily, string][] = [
  ['btyd', 'BG/NBD + Gamma-Gamma alone'],
  ['ziln', 'ZILN network ensemble'],
  ['blend', 'blend (equal weights)'],
];

const count = (n: number): string => n.toLocaleString('en-US');
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const num = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

function metricsRow(label: string, m: HoldoutMetrics, chosen: boolean): string {
  const cells = [num(m.churnAuc), num(m.churnBrier), num(m.clvNormalizedGini), num(m.clvDecileMape), num(m.clvSpearman), num(m.clvTotalBias)];
  return `  ${`${label}${chosen ? ' *' : ''}`.padEnd(36)}${cells.map((c) => c.padStart(9)).join('')}`;
}

function metricsTable(card: ModelCard): string[] {
  const rows: [string, EvaluationMetrics, boolean][] = [
    ...BASELINE_ROWS.filter(([key]) => card.baselines[key]).map(([key, label]): [string, EvaluationMetrics, boolean] => [label, card.baselines[key]!, false]),
    ...CANDIDATE_ROWS.filter(([key]) => card.candidates[key]).map(([key, label]): [string, EvaluationMetrics, boolean] => [label, card.candidates[key]!, key === card.family]),
  ];
  if (rows.length === 0) return [];
  const header = `  ${'model (* = chosen)'.padEnd(36)}${['AUC', 'Brier', 'Gini', 'dMAPE', 'Spearman', 'bias'].map((h) => h.padStart(9)).join('')}`;
  const lines = [header, ...rows.map(([label, m, chosen]) => metricsRow(label, m, chosen))];
  if (card.metrics) {
    const deciles = card.metrics.calibration.map((r) => `${num(r.meanPredicted, 2)}/${num(r.observedRate, 2)}`).join(' ');
    lines.push(`  churn calibration by decile (predicted/observed): ${deciles}`);
  }
  return lines;
}

/** The model card as printable lines: data window, choice and why, metrics on the split beside the baselines'. */
export function formatModelCard(card: ModelCard): string[] {
  const { dataWindow, split, samples } = card;
  const lines = [
    `Data: orders ${dataWindow.firstOrder} .. ${dataWindow.asOf}; ${count(dataWindow.customers)} customers with an order on or before as-of; horizon ${card.horizonDays} days`,
    `Model family: ${card.familyName}`,
    `  why: ${card.reason}`,
  ];
  if (split && samples.validation) {
    const v = samples.validation;
    lines.push(
      `Held-out time split: history up to ${split.evaluationFeaturesAsOf} predicts (${split.evaluationLabels.after}, ${split.evaluationLabels.until}]: ${count(v.customers)} customers, ${pct(1 - v.buyers / v.customers)} churned`,
    );
    if (samples.networkTraining && card.candidates.ziln) {
      lines.push(`  the validated network and the gradient-boosting baseline were trained on labels (${split.trainFeaturesAsOf}, ${split.evaluationFeaturesAsOf}]: ${count(samples.networkTraining.customers)} customers`);
    }
  } else {
    lines.push('Held-out time split: none (see why above), so no metrics');
  }
  lines.push(...metricsTable(card));
  const { churn, valueScale } = card.calibration;
  lines.push(
    split && card.family !== 'btyd'
      ? `Calibration of BG/NBD + Gamma-Gamma inside the blend, learnt on the split: churn Platt slope ${num(churn.slope)} intercept ${num(churn.intercept)}; value x ${num(valueScale)}`
      : 'Calibration: none (BG/NBD + Gamma-Gamma alone is served as fitted)',
  );
  const { bgNbd, gammaGamma } = card.btyd;
  lines.push(
    `BG/NBD (days): r ${num(bgNbd.r)} alpha ${num(bgNbd.alpha, 2)} a ${num(bgNbd.a, 6)} b ${num(bgNbd.b, 2)}; ` +
      (gammaGamma ? `Gamma-Gamma: p ${num(gammaGamma.p)} q ${num(gammaGamma.q)} v ${num(gammaGamma.v, 2)}` : 'Gamma-Gamma not fitted (population mean spend)') +
      ` on ${count(card.btyd.customers)} customers (${count(card.btyd.repeatBuyers)} repeat buyers)`,
  );
  if (card.network) {
    const { members, trainingRows, rowsPerNetwork, epochs } = card.network;
    const sample = rowsPerNetwork < trainingRows ? `, each on a seeded sample of ${count(rowsPerNetwork)}` : '';
    lines.push(`Network: ${members} ZILN networks trained on ${count(trainingRows)} customers' labels${sample} (epochs ${epochs.join(', ')})`);
  }
  return lines;
}
