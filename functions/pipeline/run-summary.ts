import type { HoldoutMetrics, ModelCard } from '../../models/churn-clv/index.js';
import type { LoadedData } from './load-clean-data.js';

export interface AudienceSummary {
  seedSegments: string[];
  seedSize: number;
  key: string;
  rows: number;
  droppedWithoutIdentifiers: number;
  holdoutLiftAtTop10: number | null;
}

/** What one scoring run did and where its outputs are; printed by the CLI and stored under reports/. */
export interface RunSummary {
  runId: string;
  asOf: string;
  horizonDays: number;
  data: LoadedData;
  model: {
    version: string;
    trainedThisRun: boolean;
    trainingRows: number;
    epochs: number;
    backend: string;
    trainingCutoff: string;
    holdout: HoldoutMetrics;
    evaluation: 'time' | 'customer-holdout';
    baselines: Record<string, { churnAuc: number; clvNormalizedGini: number }>;
    /** Set when this run trained a challenger: whether it replaced the current model, and why. */
    promotion: { promoted: boolean; reason: string } | null;
    /** The card of the model that scored this run, so every run's report records its evidence. */
    card: ModelCard;
  };
  scoredCustomers: number;
  segments: { id: string; name: string; family: string; size: number }[];
  membershipWrites: { entered: number; exited: number };
  audience: AudienceSummary | null;
  outputs: { table: string; bucket: string; model: string; report: string };
  seconds: Record<string, number>;
}
