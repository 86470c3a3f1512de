/** A run that must not execute (no data, or a day the data cannot support); nothing is written. */
export class RunRefusedError extends Error {
  override readonly name = 'RunRefusedError';
}

/** A stage was handed a run in a state it cannot continue from (a missing file, a missing model). */
export class RunStateError extends Error {
  override readonly name = 'RunStateError';
}
