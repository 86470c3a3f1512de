export interface TimedStep {
  step: string;
  seconds: number;
}

export type StepListener = (step: TimedStep) => void;

/**
 * Times the named steps of a long job and tells a listener as each one ends: the CLI prints them
 * as progress, the bench tabulates them. Steps may nest; each is reported when it ends.
 */
export class StepTimer {
  readonly steps: TimedStep[] = [];

  constructor(private readonly listener?: StepListener) {}

  async time<T>(step: string, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    const result = await work();
    const timed = { step, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) };
    this.steps.push(timed);
    this.listener?.(timed);
    return result;
  }

  /** Each step's seconds by its name (a name timed twice: its last time). */
  bySteps(): Record<string, number> {
    return Object.fromEntries(this.steps.map(({ step, seconds }) => [step, seconds]));
  }
}
