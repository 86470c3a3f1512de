import type { HoldoutMetrics } from '../churn-clv/model-metadata.js';
import type { BacktestModelCard } from './backtest-model-card.js';
import type { ModelFamily } from '../model-families/choose-family.js';

const CANDIDATES: [ModelFamily | 'btydUncalibrated', string][] = [
  ['btydUncalibrated', 'BG/NBD + Gamma-Gamma (baseline)'],
  ['btyd', 'BG/NBD + Gamma-Gamma, calibrated'],
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

/** The model card as printable lines: data window, samples, choice and why, validation metrics. */
export function formatBacktestCard(card: BacktestModelCard): string[] {
  const { data, samples } = card;
  const lines = [
    `Data: orders ${data.firstOrder} .. ${data.asOf}; ${count(data.customers)} customers with an order on or before as-of; horizon ${data.horizonDays} days`,
    `Model family: ${card.familyName}`,
    `  why: ${card.reason}`,
  ];
  if (samples.validation) {
    const v = samples.validation;
    lines.push(
      `Validation (time split): history up to ${data.validationCutoff} predicts (${data.validationCutoff}, ${data.asOf}]: ${count(v.customers)} customers, ${pct(1 - v.buyers / v.customers)} churned`,
    );
  }
  if (samples.networkTraining && card.validation.ziln) {
    lines.push(`  the validated network was trained on labels (${data.trainingCutoff}, ${data.validationCutoff}]: ${count(samples.networkTraining.customers)} customers`);
  }
  const rows = CANDIDATES.filter(([key]) => card.validation[key]);
  if (rows.length > 0) {
    lines.push(`  ${'candidate (* = chosen)'.padEnd(36)}${['AUC', 'Brier', 'Gini', 'dMAPE', 'Spearman', 'bias'].map((h) => h.padStart(9)).join('')}`);
    rows.forEach(([key, label]) => lines.push(metricsRow(label, card.validation[key]!, key === card.family)));
    const chosen = card.validation[card.family];
    if (chosen && 'calibration' in chosen) {
      const deciles = chosen.calibration.map((r) => `${num(r.meanPredicted, 2)}/${num(r.observedRate, 2)}`).join(' ');
      lines.push(`  churn calibration by decile (predicted/observed): ${deciles}`);
    }
  }
  const { churn, valueScale } = card.calibration;
  lines.push(
    samples.validation
      ? `Calibration of BG/NBD + Gamma-Gamma on the validation window: churn Platt slope ${num(churn.slope)} intercept ${num(churn.intercept)}; value x ${num(valueScale)}`
      : 'Calibration: none (no validation window)',
  );
  const { bgNbd, gammaGamma } = card.btyd;
  lines.push(
    `BG/NBD (days): r ${num(bgNbd.r)} alpha ${num(bgNbd.alpha, 2)} a ${num(bgNbd.a, 6)} b ${num(bgNbd.b, 2)}; ` +
      (gammaGamma ? `Gamma-Gamma: p ${num(gammaGamma.p)} q ${num(gammaGamma.q)} v ${num(gammaGamma.v, 2)}` : 'Gamma-Gamma not fitted (population mean spend)') +
      ` on ${count(card.btyd.customers)} customers (${count(card.btyd.repeatBuyers)} repeat buyers)`,
  );
  if (card.network) {
    lines.push(`Network: ${card.network.members} ZILN networks trained on ${count(card.network.trainingRows)} customers (epochs ${card.network.epochs.join(', ')})`);
  }
  return lines;
}
