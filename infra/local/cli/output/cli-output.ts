import type { ScoringRunEvent } from '../../runtime/scoring-run/index.js';
import { lineProgress } from '../progress/line-progress.js';
import { createRunProgress } from '../progress/run-progress.js';
import { claimStdout } from './claim-stdout.js';
import { guardClosedPipe } from './closed-pipe.js';
import type { CommandOutput } from './command-output.js';

export interface CliOutputOptions {
  json: boolean;
  quiet: boolean;
}

export interface CliOutput extends CommandOutput {
  readonly json: boolean;
  /** The command's result: printed as one JSON document with --json, ignored otherwise. */
  result(value: unknown): void;
}

/**
 * A step that prints its own lines as it goes (a backtest's timed steps), so its heartbeat is plain
 * lines on a terminal too: a redrawn bar would be torn by them.
 */
function longStep(label: string, write: (line: string) => void): { end(ok: boolean): void } {
  const listener = lineProgress(write);
  const stage = { label, startedAt: Date.now(), done: 0 };
  listener.started(stage);
  return { end: (ok) => listener.ended(stage, Date.now(), ok) };
}

/**
 * The process's output: data lines (or the one JSON document) on stdout; progress, hints and
 * warnings on stderr. A closed stdout (its reader exited) drops data from then on, quietly.
 */
export function createCliOutput(options: CliOutputOptions): CliOutput {
  const stderr = process.stderr;
  const out = guardClosedPipe(process.stdout);
  const err = guardClosedPipe(stderr);
  const writeStdout = claimStdout();
  const toStdout = (line: string) => {
    if (!out.closed) writeStdout(`${line}\n`);
  };
  const toStderr = (line: string) => {
    if (!err.closed) stderr.write(`${line}\n`);
  };
  const silenced = options.quiet ? () => {} : toStderr;
  const runProgress = options.quiet ? null : createRunProgress({ stream: stderr, write: toStderr });
  let printed = false;
  return {
    json: options.json,
    data: options.json ? () => {} : toStdout,
    progress: silenced,
    hint: silenced,
    warn: toStderr,
    ...(runProgress ? { runEvents: (event: ScoringRunEvent) => runProgress(event) } : {}),
    ...(options.quiet ? {} : { longStep: (label: string) => longStep(label, toStderr) }),
    get closed() {
      return out.closed;
    },
    result(value) {
      if (!options.json || printed) return;
      printed = true;
      toStdout(JSON.stringify(value ?? null, null, 2));
    },
  };
}
