import type { ReportInput, ReportSegment } from '../../../models/report/index.js';

const segment = (id: string, name: string, size: number, meanPredictedValue: number, meanChurnProbability: number): ReportSegment => ({
  id,
  name,
  family: id.startsWith('churn:') ? 'churn-risk' : id.split(':')[0]!,
  description: `${name} (fixture)`,
  size,
  historicRevenue: size * meanPredictedValue * 3,
  meanPredictedValue,
  meanChurnProbability,
});

/** A small run's report input with every section available except KPIs and personas, as runs produce it today. */
export function reportFixture(): ReportInput {
  return {
    run: { runId: 'r20250115000000000-test', asOf: '2025-01-15', finishedAt: '2025-01-16T02:10:00.000Z', horizonDays: 90, customers: 1000, model: { version: '20241231-test-h90-s7', familyName: 'blend', trainedThisRun: false } },
    segments: [
      segment('rfm:champions', 'Champions', 300, 210.5, 0.12),
      segment('rfm:at-risk', 'At Risk <& "quoted">', 450, 80.2, 0.55),
      segment('rfm:lost', 'Lost', 250, 5.1, 0.93),
      segment('churn:low', 'Low churn risk', 600, 150, 0.15),
      segment('churn:high', 'High churn risk', 400, 20, 0.8),
    ],
    predictedValue: {
      label: 'predicted CLV (365 days)',
      bins: [
        { from: 0, to: 50, customers: 420 },
        { from: 50, to: 100, customers: 260 },
        { from: 100, to: 150, customers: 170 },
        { from: 150, to: 200, customers: 90 },
        { from: 200, to: null, customers: 60 },
      ],
    },
    calibration: {
      split: 'held-out window (2024-10-02, 2024-12-31], 1,000 customers',
      rows: Array.from({ length: 10 }, (_, i) => ({ decile: i + 1, meanPredicted: 0.05 + i * 0.1, observedRate: Math.min(1, 0.04 + i * 0.1), count: 100 })),
    },
    movement: {
      previous: { runId: 'r20250101000000000-prev', asOf: '2024-12-31' },
      families: [
        {
          family: 'rfm',
          cells: [
            { from: 'rfm:champions', to: 'rfm:champions', customers: 270 },
            { from: 'rfm:champions', to: 'rfm:at-risk', customers: 30 },
            { from: 'rfm:at-risk', to: 'rfm:at-risk', customers: 400 },
            { from: 'rfm:at-risk', to: 'rfm:lost', customers: 50 },
            { from: 'rfm:lost', to: 'rfm:lost', customers: 200 },
            { from: '(not scored)', to: 'rfm:at-risk', customers: 20 },
          ],
        },
        { family: 'churn-risk', cells: [{ from: 'churn:low', to: 'churn:low', customers: 580 }, { from: 'churn:low', to: 'churn:high', customers: 20 }, { from: 'churn:high', to: 'churn:high', customers: 400 }] },
      ],
    },
    notes: [],
  };
}
