import type { ScoringRunEvent } from '../../runtime/scoring-run/index.js';

export type Log = (line: string) => void;

/**
 * Where a command writes: its result on stdout, everything about the work on stderr. Commands
 * write lines; with --json the CLI prints the value the command returns instead of its data lines.
 */
export interface CommandOutput {
  /** A line of the result (stdout; left out with --json). */
  data: Log;
  /** What the tool is doing (stderr; silenced by --quiet). */
  progress: Log;
  /** A hint on what to do next (stderr; silenced by --quiet). */
  hint: Log;
  /** Something the user should know even with --quiet (stderr). */
  warn: Log;
  /** Starts a long step outside a scoring run (e.g. a backtest): progress says it runs until `end`. */
  longStep?: (label: string) => { end(ok: boolean): void };
  /** Every step of a scoring run, for a progress display of its long stages. */
  runEvents?: (event: ScoringRunEvent) => void;
  /** True once stdout's reader has gone (a closed pipe): there is no point producing more data. */
  readonly closed: boolean;
}

/** A plain function receives every line, in order (tests and callers that only collect lines). */
export type OutputTarget = Log | CommandOutput;

export function asOutput(target: OutputTarget): CommandOutput {
  if (typeof target !== 'function') return target;
  return { data: target, progress: target, hint: target, warn: target, closed: false };
}
