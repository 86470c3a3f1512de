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
    /** The model family chosen on the held-out time split, and its readable name. */
    family: string;
    familyName: string;
    trainedThisRun: boolean;
    /** The model was fitted on orders up to this day. */
    fittedAsOf: string;
    networks: number;
    trainingRows: number;
    backend: string;
    /** Metrics on the held-out time split; null when history was too short for one. */
    holdout: HoldoutMetrics | null;
    baselines: Record<string, Pick<HoldoutMetrics, 'churnAuc' | 'churnBrier' | 'clvNormalizedGini' | 'clvDecileMape'>>;
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
