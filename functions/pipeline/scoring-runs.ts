import type { RunReport } from '../run/publish-run.js';
import type { RunTrigger } from '../run/run-contract.js';
import type { ExtractKind } from '../shared/storage-layout.js';

/** Why a scoring run is wanted: the uploads that changed the data, or the schedule's day. */
export interface ScoringRunRequest {
  trigger: RunTrigger['trigger'];
  /** The day to score as of; absent: the day of the last order. */
  asOf?: string;
  uploads: { key: string; versionTag: string; kind: ExtractKind }[];
}

/** What became of a request: a run started (or ran, locally), or why none did. */
export interface ScoringRunOutcome {
  started: boolean;
  /** When none started: a run in progress takes the request over, or why it was refused. */
  reason?: string;
  executionName?: string;
  /** Local execution only: the reports of the runs that finished (a follow-up run adds one). */
  reports?: RunReport[];
}

/**
 * Where requests for a scoring run go: the Step Functions state machine in AWS, the same
 * definition executed in process locally. A request never runs anything itself: single flight is
 * the state machine's first state.
 */
export interface ScoringRuns {
  request(request: ScoringRunRequest): Promise<ScoringRunOutcome>;
}
