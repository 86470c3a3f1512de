import type { ScoringRunEvent } from '../../runtime/scoring-run/index.js';
import type { Log } from '../output/command-output.js';
import { barProgress } from './bar-progress.js';
import { lineProgress } from './line-progress.js';
import { trackStages } from './stage-tracker.js';

/** The run's progress on `stream`: a bar on a terminal, periodic plain lines otherwise. */
export function createRunProgress(options: { stream: NodeJS.WriteStream; write: Log }): (event: ScoringRunEvent) => void {
  const listener = options.stream.isTTY ? barProgress(options.stream, options.write) : lineProgress(options.write);
  return trackStages(listener);
}
