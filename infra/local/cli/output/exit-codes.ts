import { CommanderError } from 'commander';

/** The exit codes of `segments`, as the README's CLI section documents them. */
export const EXIT_CODES = {
  ok: 0,
  /** Unknown command or option, a bad option value, a state folder the tool may not use. */
  usage: 1,
  /** An extract, a configuration file or a data set the pipeline refuses. */
  rejected: 2,
  /** No run yet, or no such segment, customer, model, run or input file. */
  notFound: 3,
  /** The scoring run failed, `check` found problems, or anything else went wrong. */
  failed: 4,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * Error names by exit code. Names rather than classes, so this module loads none of the pipeline
 * and an error that crossed a worker process or a state machine (which keeps only the name) maps too.
 */
const CODE_BY_NAME: Record<string, ExitCode> = {
  UsageError: EXIT_CODES.usage,
  InvalidMappingError: EXIT_CODES.usage,
  NothingToRunError: EXIT_CODES.usage,
  StateDirNotOursError: EXIT_CODES.usage,
  StateDirInUseError: EXIT_CODES.usage,
  MemberCursorError: EXIT_CODES.usage,
  InvalidDateError: EXIT_CODES.usage,
  DemoOptionsError: EXIT_CODES.usage,
  ExportUsageError: EXIT_CODES.usage,

  InputRejectedError: EXIT_CODES.rejected,
  ExtractRejectedError: EXIT_CODES.rejected,
  ConfigurationError: EXIT_CODES.rejected,
  SegmentRuleError: EXIT_CODES.rejected,
  BacktestError: EXIT_CODES.rejected,
  RunRefusedError: EXIT_CODES.rejected,
  InsufficientHistoryError: EXIT_CODES.rejected,

  NotFoundError: EXIT_CODES.notFound,
  NoRunYetError: EXIT_CODES.notFound,
  SegmentNotFoundError: EXIT_CODES.notFound,
  CustomerNotFoundError: EXIT_CODES.notFound,
  NoModelError: EXIT_CODES.notFound,
  ModelNotFoundError: EXIT_CODES.notFound,
  ExportNotFoundError: EXIT_CODES.notFound,
  // Raised for no run yet or an unknown run id; the one usage case (--out in a missing folder) is checked before it runs.
  ReportCommandError: EXIT_CODES.notFound,
};

/** The exit code for an error a command raised (its own name, else the stage error it carries, else a cause's). */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const byName = CODE_BY_NAME[current.name] ?? CODE_BY_NAME[(current as { stageError?: string }).stageError ?? ''];
    if (byName !== undefined) return byName;
    if (isMissingInputFile(current)) return EXIT_CODES.notFound;
  }
  return EXIT_CODES.failed;
}

/** A file the user named (fs errors carry its path) that is not there. */
const isMissingInputFile = (error: Error): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT' && typeof (error as NodeJS.ErrnoException).path === 'string';
