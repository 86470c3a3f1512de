import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { checkState, type StateCheck } from '../../../../functions/adapters/check-state/index.js';
import { openLocalSession } from '../local-session.js';
import { segmentsCommand } from '../segments-command.js';
import { asOutput, type OutputTarget } from '../output/command-output.js';

export class StateCheckFailedError extends Error {
  override readonly name = 'StateCheckFailedError';

  /** `result`: the check, printed with --json before the CLI exits with the failure. */
  constructor(
    message: string,
    readonly result: StateCheck,
  ) {
    super(message);
  }
}

/** Verifies the table of the state folder; prints every problem found and fails when there is one. */
export async function checkCommand(options: { stateDir: string; examples?: number }, target: OutputTarget): Promise<StateCheck> {
  const out = asOutput(target);
  const log = out.data;
  const session = await openLocalSession({ stateDir: options.stateDir });
  let check: StateCheck;
  try {
    const documents = DynamoDBDocumentClient.from(session.aws.dynamo);
    check = await checkState(documents, session.aws.table, { examples: options.examples ?? 3 });
  } finally {
    await session.close();
  }
  const { customers, memberships, segments } = check.counts;
  const current = check.current ? `current run ${check.current.runId} as of ${check.current.asOf}` : 'no current run';
  log(`Checked ${customers.toLocaleString('en-US')} customers, ${memberships.toLocaleString('en-US')} memberships, ${segments} catalogued segments (${current}).`);
  if (check.problems.length === 0) {
    log('No problems found.');
    return check;
  }
  for (const problem of check.problems) {
    log(`  ${problem.kind}: ${problem.count.toLocaleString('en-US')} (${problem.description})`);
    problem.examples.forEach((example) => log(`      e.g. ${example}`));
  }
  out.hint(`A run reconciles customer items with the data: ${segmentsCommand(options.stateDir, 'rescore')}`);
  const total = check.problems.reduce((sum, problem) => sum + problem.count, 0);
  throw new StateCheckFailedError(`segments check found ${total.toLocaleString('en-US')} problems of ${check.problems.length} kinds.`, check);
}
