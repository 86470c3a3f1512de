import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { ScoringRunOutcome, ScoringRunRequest, ScoringRuns } from '../pipeline/scoring-runs.js';
import type { RunControl } from '../run/run-control.js';
import type { RunTrigger } from '../run/run-contract.js';
import { traced } from '../shared/observability.js';

/**
 * Requests runs from the scoring-run state machine. The request is recorded on the single-flight
 * control record first: while a run holds the lock, no execution is started (that run runs again
 * for it); otherwise one is, named after the moment of the first pending request, so concurrent
 * requesters that see the same pending request start one execution between them.
 */
export class StateMachineScoringRuns implements ScoringRuns {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
    private readonly control: RunControl,
  ) {}

  async request(request: ScoringRunRequest): Promise<ScoringRunOutcome> {
    const at = new Date().toISOString();
    const pending = await this.control.request(at);
    if (pending.running) return { started: false, reason: 'a run is in progress; it runs once more for this request when it finishes' };
    const input: RunTrigger = { trigger: request.trigger, ...(request.asOf ? { asOf: request.asOf } : {}), requestedAt: at };
    const executionName = `${request.trigger}-${(pending.pendingSince ?? at).replace(/[^0-9]/g, '')}`;
    try {
      await this.client.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: executionName, input: JSON.stringify(input) }));
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
      return { started: false, reason: `execution ${executionName} was already started for this request`, executionName };
    }
    return { started: true, executionName };
  }
}

export const createSfnClient = (): SFNClient => traced(new SFNClient({}));
