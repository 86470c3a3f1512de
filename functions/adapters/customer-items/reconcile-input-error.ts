/** Thrown before anything is written when a shard's input cannot be reconciled (bad range, customer outside it, duplicate, bad value). */
export class ReconcileInputError extends Error {
  override readonly name = 'ReconcileInputError';
}
