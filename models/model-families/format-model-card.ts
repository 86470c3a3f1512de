import type { HoldoutMetrics } from '../evaluation/index.js';
import { cardNumber as num } from './btyd/btyd-card-rows.js';
import { BASELINES, type EvaluationMetrics, type ModelCard } from './model-card.js';
import type { ModelFamily } from './model-family.js';
import { MODEL_FAMILIES } from './registry.js';

const BASELINE_ROWS: [string, string][] = [
  [BASELINES.btyd, 'BG/NBD + Gamma-Gamma (baseline)'],
  [BASELINES.gradientBoosting, 'gradient boosting (baseline)'],
];

const count = (n: number): string => n.toLocaleString('en-US');
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function metricsRow(label: string, m: HoldoutMetrics, chosen: boolean): string {
  const cells = [num(m.churnAuc), num(m.churnBrier), num(m.clvNormalizedGini), num(m.clvDecileMape), num(m.clvSpearman), num(m.clvTotalBias)];
  return `  ${`${label}${chosen ? ' *' : ''}`.padEnd(36)}${cells.map((c) => c.padStart(9)).join('')}`;
}

function metricsTable(card: ModelCard, families: readonly ModelFamily[]): string[] {
  const labelOf = (id: string) => families.find((f) => f.id === id)?.cardLabel ?? id;
  // Registered families in their order, then any the card holds that are not registered (an older model's).
  const ids = [...families.map((f) => f.id), ...Object.keys(card.candidates)].filter((id, i, all) => all.indexOf(id) === i && card.candidates[id]);
  const rows: [string, EvaluationMetrics, boolean][] = [
    ...BASELINE_ROWS.filter(([key]) => card.baselines[key]).map(([key, label]): [string, EvaluationMetrics, boolean] => [label, card.baselines[key]!, false]),
    ...ids.map((id): [string, EvaluationMetrics, boolean] => [labelOf(id), card.candidates[id]!, id === card.family]),
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

/** The model card as printable lines: data window, choice and why, metrics on the split beside the baselines', then the chosen family's rows. */
export function formatModelCard(card: ModelCard, families: readonly ModelFamily[] = MODEL_FAMILIES): string[] {
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
    if (split.scoredCustomers !== undefined && split.scoredCustomers < v.customers) {
      lines.push(`  the families were scored and compared on a sample of ${count(split.scoredCustomers)} of them (chosen by a hash of their ids)`);
    }
    if (samples.networkTraining && card.baselines[BASELINES.gradientBoosting]) {
      lines.push(`  the validated network and the gradient-boosting baseline were trained on labels (${split.trainFeaturesAsOf}, ${split.evaluationFeaturesAsOf}]: ${count(samples.networkTraining.customers)} customers`);
    }
  } else {
    lines.push('Held-out time split: none (see why above), so no metrics');
  }
  lines.push(...metricsTable(card, families));
  lines.push(...(families.find((f) => f.id === card.family)?.cardRows(card) ?? []));
  return lines;
}
