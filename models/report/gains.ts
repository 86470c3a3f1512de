import { ReportInputError } from './errors.js';
import type { ChurnCalibration } from './report-input.js';

/** One step of the cumulative gains curve: the top deciles by predicted churn, highest first. */
export interface GainsPoint {
  /** How many deciles are targeted (1 = the riskiest tenth). */
  deciles: number;
  customerShare: number;
  /** Share of all churners in the targeted deciles. */
  churnerShare: number;
  /** The decile's own churn rate over the whole split's. */
  lift: number;
  cumulativeLift: number;
}

/**
 * Cumulative gains and lift of the churn score, from the calibration table alone: each decile's
 * observed churners are observedRate x count, so targeting the riskiest deciles first captures
 * their churners. A split without churners has no gains (an empty list).
 */
export function churnGains(calibration: ChurnCalibration): GainsPoint[] {
  for (const row of calibration.rows) {
    if (!(row.count >= 0) || !(row.observedRate >= 0 && row.observedRate <= 1)) {
      throw new ReportInputError(`Calibration decile ${row.decile}: count ${row.count} and observed rate ${row.observedRate} are not a count and a share.`);
    }
  }
  const riskiestFirst = [...calibration.rows].sort((a, b) => b.decile - a.decile);
  const customers = riskiestFirst.reduce((sum, r) => sum + r.count, 0);
  const churners = riskiestFirst.reduce((sum, r) => sum + r.observedRate * r.count, 0);
  if (customers === 0 || churners === 0) return [];
  const overallRate = churners / customers;
  let targeted = 0;
  let captured = 0;
  return riskiestFirst.map((row, i) => {
    targeted += row.count;
    captured += row.observedRate * row.count;
    const customerShare = targeted / customers;
    const churnerShare = captured / churners;
    return { deciles: i + 1, customerShare, churnerShare, lift: row.observedRate / overallRate, cumulativeLift: churnerShare / customerShare };
  });
}
