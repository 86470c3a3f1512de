import type { ModelCard } from '../model-card.js';

const count = (n: number): string => n.toLocaleString('en-US');
export const cardNumber = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** The BG/NBD + Gamma-Gamma fit every model carries (served alone, mixed in, or as network features). */
export function btydFitRow(card: ModelCard): string {
  const { bgNbd, gammaGamma } = card.btyd;
  const num = cardNumber;
  return (
    `BG/NBD (days): r ${num(bgNbd.r)} alpha ${num(bgNbd.alpha, 2)} a ${num(bgNbd.a, 6)} b ${num(bgNbd.b, 2)}; ` +
    (gammaGamma ? `Gamma-Gamma: p ${num(gammaGamma.p)} q ${num(gammaGamma.q)} v ${num(gammaGamma.v, 2)}` : 'Gamma-Gamma not fitted (population mean spend)') +
    ` on ${count(card.btyd.customers)} customers (${count(card.btyd.repeatBuyers)} repeat buyers)`
  );
}

/** The calibration of BG/NBD + Gamma-Gamma a family applies, learnt on the split. */
export function btydCalibrationRow(card: ModelCard, where: string): string {
  const { churn, valueScale } = card.calibration;
  const num = cardNumber;
  return `Calibration of BG/NBD + Gamma-Gamma ${where}, learnt on the split: churn Platt slope ${num(churn.slope)} intercept ${num(churn.intercept)}; value x ${num(valueScale)}`;
}
