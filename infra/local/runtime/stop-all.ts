export interface Stoppable {
  stop(): Promise<void>;
}

export class StopError extends Error {
  override name = 'StopError';
}

/** Stops in order, carrying on past failures so one stuck server doesn't leak the others. */
export async function stopAll(stoppables: readonly Stoppable[]): Promise<void> {
  const failures: unknown[] = [];
  for (const stoppable of stoppables) {
    try {
      await stoppable.stop();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    throw new StopError(`${failures.length} of ${stoppables.length} local resources failed to stop`, {
      cause: new AggregateError(failures),
    });
  }
}
