/**
 * `items.map(work)` with at most `limit` calls in flight; results keep the order of `items`. After
 * a call fails no new one starts, and the first failure is what it rejects with, once the calls
 * still in flight have settled: a failed caller leaves nothing running behind it (a shard's
 * writes retrying after its invocation failed would land in the next run's table).
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}
