/** What a call gave, or the message it threw: two implementations compared call by call, errors included. */
export function outcomeOf(call: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: call() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
