import type { AslState } from './render-definition.js';

interface Retrier {
  ErrorEquals: string[];
  MaxAttempts?: number;
}

/** ASL's default when a retrier gives no MaxAttempts. */
const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * Tells, for each failure of a task, whether its Retry field will try it again, by the rules the
 * interpreter applies: the first retrier whose ErrorEquals names the error (or States.ALL, or
 * States.TaskFailed for anything but a timeout) decides, until its MaxAttempts are spent.
 * Attempts are counted per input, so every item of a map has its own.
 */
export class RetryTracker {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly state: AslState) {}

  isFinal(input: unknown, error: { name: string; isRetryable?: boolean }): boolean {
    const retriers = (this.state.Retry ?? []) as Retrier[];
    if (error.isRetryable === false) return true;
    const key = JSON.stringify(input);
    const counts = this.attempts.get(key) ?? retriers.map(() => 0);
    this.attempts.set(key, counts);
    const index = retriers.findIndex((retrier) =>
      retrier.ErrorEquals.some(
        (name) =>
          name === error.name || name === 'States.ALL' || (name === 'States.TaskFailed' && error.name !== 'States.Timeout'),
      ),
    );
    if (index < 0) return true;
    const used = counts[index] ?? 0;
    if (used >= ((retriers[index] as Retrier).MaxAttempts ?? DEFAULT_MAX_ATTEMPTS)) return true;
    counts[index] = used + 1;
    return false;
  }
}
