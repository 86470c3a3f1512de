import { Option, type Command } from 'commander';
import { forgetDependenciesOf } from '../../../../functions/forget/forget-environment.js';
import { PERSON_KINDS, forgetPeople, personRefs, type PersonKind, type VerificationReport } from '../../../../functions/forget/index.js';
import { openLocalSession } from '../local-session.js';
import { DeletionRequestError } from '../../../../functions/forget/errors.js';
import { NotFoundError, UsageError } from '../output/cli-errors.js';
import type { CliOutput } from '../output/cli-output.js';
import { asOutput, type OutputTarget } from '../output/command-output.js';

/** None (or not all) of the ids was found anywhere; exit 3. `result` is the verification, printed with --json. */
export class PeopleNotFoundError extends NotFoundError {
  constructor(
    message: string,
    readonly result: VerificationReport,
  ) {
    super(message);
  }
}

/** A request the tool cannot act on (an empty id) is a usage error here: exit 1. */
function usage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DeletionRequestError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Forgets customers or prospects of the state folder everywhere the pipeline keeps them (see
 * functions/forget) and prints the verification report. People found nowhere are reported and
 * nothing is changed for them; the command then exits 3.
 */
export async function forgetCommand(options: { stateDir: string; ids: string[]; kind: PersonKind }, target: OutputTarget): Promise<VerificationReport> {
  const out = asOutput(target);
  const people = usage(() => personRefs(options.ids.map((id) => ({ kind: options.kind, id }))));
  const session = await openLocalSession({ stateDir: options.stateDir });
  let report: VerificationReport;
  try {
    const deps = forgetDependenciesOf({ ...session.runDependencies, onProgress: (message) => out.progress(`  … ${message}`) }, { runs: session.scoringRuns() });
    out.progress(`Forgetting ${count(people.length)} ${options.kind}(s): looking in every place the pipeline keeps people`);
    report = await forgetPeople(deps, { people, source: 'cli' });
  } finally {
    await session.close();
  }
  const idOf = new Map(people.map((p) => [p.hash, p.id]));
  const who = (hash: string) => `${idOf.get(hash) ?? '?'} (${hash.slice(0, 12)}…)`;
  for (const person of report.people) out.data(`${person.found ? 'forgotten' : 'not found'}  ${person.kind} ${who(person.hash)}`);
  out.data('');
  out.data(`${'place'.padEnd(16)} ${'checked'.padStart(8)} ${'removed'.padStart(8)} ${'rewritten'.padStart(10)}`);
  for (const place of report.places) {
    out.data(`${place.place.padEnd(16)} ${count(place.checked).padStart(8)} ${count(place.removed).padStart(8)} ${count(place.rewritten.length).padStart(10)}  ${place.description}`);
    for (const note of place.notes) out.data(`${''.padEnd(16)} ${note}`);
  }
  if (report.remaining.length > 0) {
    out.data('');
    out.data('Still holding them (left by the pipeline on purpose):');
    for (const copy of report.remaining) out.data(`  ${copy.key}: ${copy.people.map(who).join(', ')}; ${copy.reason}`);
  }
  out.data('');
  out.data(report.reportKey ? `Verification report: ${report.reportKey} (people by hash only); future uploads drop them (suppression list)` : 'Nothing was changed and no report was written.');
  const missing = report.people.filter((p) => !p.found);
  if (missing.length > 0) {
    throw new PeopleNotFoundError(`${count(missing.length)} of ${count(report.people.length)} id(s) were found nowhere: ${missing.map((p) => idOf.get(p.hash)).join(', ')}.`, report);
  }
  return report;
}

type CommandContext = { out: CliOutput; stateDir: string };
type Act = <A extends unknown[]>(work: (context: CommandContext, ...args: A) => Promise<unknown>) => (...args: [...A, Command]) => Promise<void>;

/** Declares `forget` on the command main.ts created, with main's action wrapper (output, state folder, --json). */
export function registerForgetCommand(command: Command, act: Act): Command {
  return command
    .argument('<ids...>', 'the customer (or prospect) ids to forget')
    .description('forget people everywhere (table, clean data, quarantine, audiences, run files, exports, events), keep them out of future uploads, and print the verification report (exits 3 if an id is found nowhere)')
    .addOption(new Option('--kind <kind>', 'whose ids these are').choices(PERSON_KINDS).default('customer'))
    .action(act(({ out, stateDir }, ids: string[], options: { kind: PersonKind }) => forgetCommand({ stateDir, ids, kind: options.kind }, out)));
}
