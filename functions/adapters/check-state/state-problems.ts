/** What `checkState` can find wrong, in the order it reports them. */
export const PROBLEM_KINDS = {
  'membership-without-score': 'membership items whose customer has no score item (orphans)',
  'segments-of-one-family': 'customers in more than one segment of a built-in family, which gives each customer at most one',
  'misplaced-item': "customer items whose keys do not match the customer's bucket, sort key or index shard",
  'unknown-item': 'items in a bucket partition that are neither a score nor a membership item',
  'old-layout-item': 'items of the key layout before hash buckets (CUSTOMER#... / SEGMENT#<id> without a shard)',
  'item-without-run': 'customer items that name no run',
  'item-of-unknown-run': 'customer items of a run that has no run record',
  'item-of-run-not-succeeded': 'customer items of a run that failed or never finished, not started after the current run',
  'item-of-unfinished-run-after-current': 'customer items of a run started after the current run that has not succeeded',
  'no-current-run': 'customer items but no current-run pointer',
  'current-run-not-succeeded': 'the current-run pointer names a run that has not succeeded',
  'catalog-missing': 'customer items but no segment catalogue',
  'catalog-not-current': 'the catalogue was written by another run than the current one',
  'catalog-size-mismatch': 'segments whose catalogue size differs from the member index count',
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export interface StateProblem {
  kind: ProblemKind;
  description: string;
  count: number;
  examples: string[];
}

/** Counts problems by kind and keeps the first few examples of each. */
export class ProblemList {
  private readonly found = new Map<ProblemKind, { count: number; examples: string[] }>();

  constructor(private readonly examplesPerKind: number) {}

  add(kind: ProblemKind, example: string, count = 1): void {
    const entry = this.found.get(kind) ?? { count: 0, examples: [] };
    entry.count += count;
    if (entry.examples.length < this.examplesPerKind) entry.examples.push(example);
    this.found.set(kind, entry);
  }

  list(): StateProblem[] {
    return (Object.keys(PROBLEM_KINDS) as ProblemKind[])
      .filter((kind) => this.found.has(kind))
      .map((kind) => ({ kind, description: PROBLEM_KINDS[kind], ...this.found.get(kind)! }));
  }
}
