import type { ExtractKind } from '../shared/storage-layout.js';
import { NoOrdersError, refreshScores, type RefreshDependencies } from './refresh-scores.js';
import type { RunSummary } from './run-summary.js';

/** Why a scoring run is wanted: the uploads that changed the data, or the schedule. */
export interface ScoringRunRequest {
  trigger: 'upload' | 'schedule';
  uploads: { key: string; versionTag: string; kind: ExtractKind }[];
  /** New orders: the model is retrained (champion/challenger decides whether it serves). */
  retrain: boolean;
}

/** What ingest hands a scoring run over to; the orchestrated run (Step Functions) replaces the inline one. */
export interface ScoringRuns {
  request(request: ScoringRunRequest): Promise<RunSummary | null>;
}

/**
 * Runs the scoring run in the requesting invocation, once per request. Returns null when there
 * are no orders yet (profiles and prospects wait for them).
 */
export function inlineScoringRuns(dependencies: RefreshDependencies & { horizonDays: number; onProgress?: (message: string) => void }): ScoringRuns {
  return {
    async request(request) {
      try {
        return await refreshScores(dependencies, {
          horizonDays: dependencies.horizonDays,
          train: request.retrain ? 'always' : 'if-missing',
          ...(dependencies.onProgress ? { onProgress: dependencies.onProgress } : {}),
        });
      } catch (error) {
        if (error instanceof NoOrdersError) return null;
        throw error;
      }
    },
  };
}
