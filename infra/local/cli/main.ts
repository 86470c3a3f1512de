import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import packageJson from '../../../package.json' with { type: 'json' };
import { MAX_HORIZON_DAYS } from '../../../models/config/index.js';
import { isoDay } from '../../../models/features/dates.js';
import { backtestCommand, type BacktestCommandOptions } from './commands/backtest-command.js';
import { checkCommand } from './commands/check-command.js';
import {
  configMappingClearCommand,
  configMappingSetCommand,
  configMappingShowCommand,
  configPushCommand,
  configShowCommand,
  configValidateCommand,
} from './commands/config-command.js';
import { evaluateCommand } from './commands/evaluate-command.js';
import { exportScoresCommand } from './commands/export-command.js';
import { customerCommand, queryCommand } from './commands/query-commands.js';
import { reportCommand } from './commands/report-command.js';
import { rescoreCommand } from './commands/rescore-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerForgetCommand } from './commands/forget-command.js';
import { runUploads, type RunOptions } from './commands/run-command.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../functions/run/scores-export.js';
import { DEFAULT_STATE_DIR } from './local-session.js';
import { InputRejectedError, UsageError, resultOf } from './output/cli-errors.js';
import { createCliOutput, type CliOutput } from './output/cli-output.js';
import { exitCodeOf } from './output/exit-codes.js';

let output: CliOutput | undefined;

/** The output and state folder of the command being run: its own --json/--quiet/--state-dir, else the program's. */
function cli(command: Command): { out: CliOutput; stateDir: string } {
  type Common = { json?: boolean; quiet?: boolean; stateDir?: string };
  const own = command.opts<Common>();
  const global = program.opts<Common>();
  output ??= createCliOutput({ json: Boolean(own.json ?? global.json), quiet: Boolean(own.quiet ?? global.quiet) });
  return { out: output, stateDir: own.stateDir ?? global.stateDir ?? DEFAULT_STATE_DIR };
}

/** An action that prints its command's result with --json (its lines otherwise). */
function act<A extends unknown[]>(work: (context: { out: CliOutput; stateDir: string }, ...args: A) => Promise<unknown>) {
  return async (...args: [...A, Command]) => {
    const context = cli(args.at(-1) as Command);
    context.out.result(await work(context, ...(args.slice(0, -1) as A)));
  };
}

/** Every command takes --json, --quiet and --state-dir after its name too. */
function common(command: Command): Command {
  return command
    .option('--json', 'print the result as one JSON document on stdout (nothing else goes there)')
    .option('--quiet', 'no progress or hints on stderr (warnings and errors still)')
    .option('--state-dir <dir>', 'as the global --state-dir');
}

const requireFolderOf = (file: string | undefined): void => {
  if (file && !existsSync(path.dirname(path.resolve(file)))) throw new UsageError(`Cannot write ${file}: the folder ${path.dirname(path.resolve(file))} does not exist.`);
};

const asDate = (value: string): string => {
  try {
    return isoDay(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};
const asPositiveInt = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return parsed;
};

const asHorizon = (value: string): number => {
  const days = asPositiveInt(value);
  if (days > MAX_HORIZON_DAYS) throw new InvalidArgumentError(`at most ${MAX_HORIZON_DAYS} days`);
  return days;
};

const program = new Command('segments')
  .description('predictive-segments: churn risk, predicted CLV, segments and lookalike audiences from customer extracts.\nRuns the Lambda handlers locally against embedded S3 (s3rver) and DynamoDB (dynalite).')
  .option('--state-dir <dir>', 'where the local S3 bucket and DynamoDB table are kept: a new or empty folder, or one this tool created', DEFAULT_STATE_DIR)
  .option('--json', 'print the result as one JSON document on stdout (nothing else goes there)')
  .option('--quiet', 'no progress or hints on stderr (warnings and errors still)')
  .version(packageJson.version, '-V, --version', 'print the version')
  // Program options come before the command, so `evaluate --version <version>` stays the command's.
  .enablePositionalOptions()
  .exitOverride()
  .showHelpAfterError();

program
  .command('run')
  .description('upload extracts to incoming/ and run the pipeline on them, as the S3 trigger does in AWS')
  .option('--demo', "generate and use the built-in demo data set (first deletes the tool's s3/, dynamodb/, demo-data/ and events/ in the state folder, nothing else)")
  .option('--demo-customers <n>', 'size of the demo data set', '20000')
  .option('--orders <files...>', 'orders extracts (CSV, .csv.gz or Parquet): customer_id, order_date, amount')
  .option('--customers <files...>', 'customer profile extracts: customer_id, email, phone, country, signup_date, acquisition_channel')
  .option('--prospects <files...>', 'prospect lists: prospect_id, email, phone, country, signup_date, acquisition_channel')
  .option('--map <mapping...>', 'column mapping <kind>.<column>=<header>, e.g. orders.amount=Total (stored in the mapping section of config/segments.config.yaml; see config mapping)')
  .option('--keep-state', 'with --demo: keep earlier uploads and results')
  .option('--horizon-days <n>', `prediction horizon in days (1 to ${MAX_HORIZON_DAYS}; stored as scoring.horizonDays in config/segments.config.yaml, so later runs keep it; default 90)`, asHorizon)
  .action(
    act(async ({ out, stateDir }, options: Omit<RunOptions, 'stateDir'>) => {
      const result = await runUploads({ ...options, stateDir }, out);
      const rejected = result.uploads.filter((upload) => upload.status === 'rejected');
      if (rejected.length > 0) {
        throw new InputRejectedError(`${rejected.length} of ${result.uploads.length} uploads rejected: ${rejected.map((upload) => `${upload.key} (${upload.reason})`).join(', ')}`, result);
      }
      return result;
    }),
  );

program
  .command('rescore')
  .description('rescore every customer from the data already in the bucket, as the nightly schedule does')
  .option('--as-of <date>', 'score as of this day (YYYY-MM-DD); default today', asDate)
  .option('--horizon-days <n>', `prediction horizon in days (1 to ${MAX_HORIZON_DAYS}; stored in the configuration file like run --horizon-days)`, asHorizon)
  .action(act(({ out, stateDir }, options: { asOf?: string; horizonDays?: number }) => rescoreCommand({ stateDir, ...options }, out)));

program
  .command('query')
  .description('list the segments, or the members of one segment page by page')
  .option('--segment <id>', 'segment id, e.g. rfm:champions or clv:top-1')
  .option('--limit <n>', 'members per page', asPositiveInt, 20)
  .option('--cursor <cursor>', 'continue from a previous page')
  .option('--all', 'print every member')
  .action(act(({ out, stateDir }, options: { segment?: string; limit: number; cursor?: string; all?: boolean }) => queryCommand({ ...options, stateDir }, out)));

program
  .command('evaluate')
  .description("print the current model's card: metrics on its evaluation split beside the baselines'")
  .option('--version <version>', 'a stored model version instead of the current one')
  .action(act(({ out, stateDir }, options: { version?: string }) => evaluateCommand({ stateDir, ...(options.version ? { version: options.version } : {}) }, out)));

program
  .command('backtest')
  .description('predict churn and spend in (as-of, as-of + N days] for every customer from the history up to as-of, and write them as CSV')
  .requiredOption('--orders <file>', 'orders (CSV, .csv.gz or Parquet): customer_id, order_date, amount (one row per order or customer-day)')
  .requiredOption('--as-of <date>', 'use only orders on or before this day (YYYY-MM-DD)', asDate)
  .requiredOption('--horizon-days <n>', 'length of the prediction window in days', asPositiveInt)
  .requiredOption('--out <file>', 'where to write customer_id,churn_probability,predicted_value')
  .option('--map <mapping...>', 'column mapping [orders.]<column>=<header>, e.g. orders.amount=Total or amount=Total (this backtest only; not stored)')
  .option('--seed <n>', 'seed of the network ensemble (same input and seed, same output)', asPositiveInt, 1)
  .action(act(async ({ out }, options: BacktestCommandOptions) => (await backtestCommand(options, out)).summary));

program
  .command('customer <id>')
  .description("show one customer's scores and segments")
  .action(act(({ out, stateDir }, customerId: string) => customerCommand({ stateDir, customerId }, out)));

program
  .command('export')
  .description('write what the current run knows to a file')
  .command('scores')
  .description("write every customer of the current run with every predictive field and its segments (the fields are the score item's; see the README)")
  .addOption(new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).makeOptionMandatory())
  .requiredOption('--out <file>', 'the file to write (replaced if it exists)')
  .action(act(({ out, stateDir }, options: { format: ExportFormat; out: string }) => exportScoresCommand({ stateDir, format: options.format, out: options.out }, out)));

program
  .command('check')
  .description('verify the table: memberships match score items, catalogue sizes match the member index, no item of an unfinished run (exits 4 on any problem)')
  .option('--examples <n>', 'examples shown per kind of problem', asPositiveInt, 3)
  .action(act(({ out, stateDir }, options: { examples: number }) => checkCommand({ stateDir, examples: options.examples }, out)));

program
  .command('report')
  .description("write a run's HTML report (segments, predicted value, churn calibration and gains, movement since the previous run) to a file and print its path")
  .option('--run <runId>', 'a run id instead of the current run')
  .option('--out <file>', 'the file to write (default segments-report-<as-of>.html here)')
  .option('--open', 'open it in the browser')
  .action(
    act(({ out, stateDir }, options: { run?: string; out?: string; open?: boolean }) => {
      requireFolderOf(options.out);
      return reportCommand({ stateDir, ...options }, out.data);
    }),
  );

const config = program.command('config').description('the configuration file (segments.config.yaml: mapping, ingest, scoring, segments) every run reads');
config
  .command('validate <file>')
  .description('check a configuration file (YAML or JSON) and list the segments it defines; a bad entry is named with its path (exits 1)')
  .action(act(({ out }, file: string) => configValidateCommand(file, out.data)));
config
  .command('push <file>')
  .description('validate a configuration file and store it as config/segments.config.yaml in the bucket: later runs and the nightly rescore read it')
  .action(act(({ out, stateDir }, file: string) => configPushCommand({ stateDir, file }, out.data)));
config
  .command('show')
  .description('print the stored configuration file (or say the defaults are in force) and the segments it defines')
  .action(act(({ out, stateDir }) => configShowCommand({ stateDir }, out.data)));
const mapping = config.command('mapping').description("the stored column mapping (the configuration file's mapping section): show it, set entries, clear them");
mapping
  .command('show', { isDefault: true })
  .description('print the stored column mapping, one <kind>.<column>=<header> a line (the default)')
  .action(act(({ out, stateDir }) => configMappingShowCommand({ stateDir }, out)));
mapping
  .command('set <entries...>')
  .description('map canonical columns to your headers, e.g. orders.amount=Total customers.email=Mail (the rest of the file, comments too, is kept)')
  .action(act(({ out, stateDir }, entries: string[]) => configMappingSetCommand({ stateDir, entries }, out)));
mapping
  .command('clear [target]')
  .description("remove the whole mapping, one kind's (orders) or one column's (orders.amount); those columns are matched by name again")
  .action(act(({ out, stateDir }, target: string | undefined) => configMappingClearCommand({ stateDir, ...(target ? { target } : {}) }, out)));

registerServeCommand(program.command('serve'), act);
registerForgetCommand(program.command('forget'), act);

for (const command of leafCommands(program)) common(command);

try {
  await program.parseAsync(process.argv);
  process.exit(0);
} catch (error) {
  // Commander has printed its own message (or the help, or the version).
  if (error instanceof CommanderError) process.exit(exitCodeOf(error));
  const out = output ?? createCliOutput({ json: false, quiet: false });
  const carried = resultOf(error);
  if (carried) out.result(carried.result);
  out.warn(`error: ${describe(error)}`);
  process.exit(exitCodeOf(error));
}

function leafCommands(command: Command): Command[] {
  return command.commands.length === 0 ? [command] : command.commands.flatMap(leafCommands);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `\n  caused by: ${error.cause.message.split('\n')[0]}` : '';
  return `${error.message}${cause}`;
}
