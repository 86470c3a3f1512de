export interface DistinctIndex {
  /** Each distinct value once, in order of first appearance. */
  values: Float64Array;
  /** For each input position, the slot of its value in `values`. */
  slotOf: Uint32Array;
}

/**
 * Maps values to slots of their distinct values, so a likelihood can evaluate an expensive term
 * (a log, a log-gamma) once per distinct value instead of once per customer.
 */
export function indexDistinct(values: readonly number[]): DistinctIndex {
  const slotByValue = new Map<number, number>();
  const slotOf = new Uint32Array(values.length);
  values.forEach((value, position) => {
    let slot = slotByValue.get(value);
    if (slot === undefined) {
      slot = slotByValue.size;
      slotByValue.set(value, slot);
    }
    slotOf[position] = slot;
  });
  return { values: Float64Array.from(slotByValue.keys()), slotOf };
}
