/**
 * Each customer's spend in a label window, as a read-only map from customer id to spend (a
 * customer without a purchase there is absent), kept as one number per customer of a list in
 * that list's order (NaN: absent). Labels for customers listed in the same order (a frame's, a
 * sample of it) are read by walking both lists (spendAlignedTo): no map of a million ids is built
 * or searched, which cost about half a second per window at a million customers (a CPU profile).
 */
export class WindowSpend implements ReadonlyMap<string, number> {
  private index: Map<string, number> | undefined;
  readonly size: number;

  constructor(
    readonly customerIds: readonly string[],
    /** Row i: the spend of customerIds[i], NaN when absent. */
    readonly spend: Float64Array,
  ) {
    let present = 0;
    for (let i = 0; i < spend.length; i += 1) if (!Number.isNaN(spend[i])) present += 1;
    this.size = present;
  }

  /** Each of `ids`'s spend (0 when absent), in order. */
  alignedTo(ids: readonly string[]): Float64Array {
    const out = new Float64Array(ids.length);
    const { customerIds, spend } = this;
    let j = 0;
    for (let i = 0; i < ids.length; i += 1) {
      const id = ids[i];
      while (j < customerIds.length && customerIds[j] !== id) j += 1;
      // Not in this list's order: looked up one by one.
      if (j === customerIds.length) return alignedByLookup(this, ids);
      const value = spend[j]!;
      out[i] = Number.isNaN(value) ? 0 : value;
      j += 1;
    }
    return out;
  }

  get(id: string): number | undefined {
    return this.lookup().get(id);
  }

  has(id: string): boolean {
    return this.lookup().has(id);
  }

  forEach(visit: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [id, value] of this.entries()) visit(value, id, this);
  }

  *entries(): MapIterator<[string, number]> {
    for (let i = 0; i < this.spend.length; i += 1) if (!Number.isNaN(this.spend[i])) yield [this.customerIds[i]!, this.spend[i]!];
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<number> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  private lookup(): Map<string, number> {
    this.index ??= new Map(this.entries());
    return this.index;
  }
}

function alignedByLookup(spend: ReadonlyMap<string, number>, ids: readonly string[]): Float64Array {
  const out = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i += 1) out[i] = spend.get(ids[i]!) ?? 0;
  return out;
}

/** Each of `ids`'s spend in the window (0 when absent), in order: by walking a WindowSpend, else one lookup each. */
export function spendAlignedTo(spend: ReadonlyMap<string, number>, ids: readonly string[]): Float64Array {
  return spend instanceof WindowSpend ? spend.alignedTo(ids) : alignedByLookup(spend, ids);
}
