import type { LocalScoringRunsOptions } from '../local-scoring-runs.js';
import type { CommandOutput } from './command-output.js';

/** How a command shows a scoring run's progress: the CLI's display when it has one, else a line per stage. */
export const runProgressOptions = (out: CommandOutput): Pick<LocalScoringRunsOptions, 'onProgress' | 'onEvent'> =>
  out.runEvents ? { onEvent: out.runEvents } : { onProgress: (message) => out.progress(`  … ${message}`) };
