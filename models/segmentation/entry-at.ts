/** `items[index]`, for indexes that are correct by construction; throws RangeError instead of yielding undefined. */
export function entryAt<T>(items: readonly T[], index: number): T {
  if (index < 0 || index >= items.length) throw new RangeError(`Index ${index} is outside 0..${items.length - 1}`);
  return items[index] as T;
}
