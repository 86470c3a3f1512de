/** Below this many rows a comparison sort beats the radix sort's fixed cost. */
const RADIX_MIN_ROWS = 4096;

/**
 * Row indices in ascending order of `keys` (descending when asked), ties in input order (a
 * stable sort). The metrics sort up to millions of rows several times each: large inputs go
 * through an LSD radix sort on the keys' IEEE-754 bits (four 16-bit passes, stable by
 * construction), which is many times faster than a comparison sort of that size.
 */
export function ascendingOrder(keys: ArrayLike<number>, descending = false): Uint32Array {
  const n = keys.length;
  const sign = descending ? -1 : 1;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  if (n < RADIX_MIN_ROWS) {
    const k = Float64Array.from(keys, (key) => sign * key);
    return order.sort((a, b) => k[a]! - k[b]! || a - b);
  }
  return radixOrder(sortableBits(keys, sign), order);
}

/**
 * The descending order of `keys` (ties in input order), from their ascending one: the same groups
 * of equal keys, last group first. Equal to ascendingOrder(keys, true) without a second sort.
 */
export function descendingFromAscending(keys: ArrayLike<number>, ascending: Uint32Array): Uint32Array {
  const n = ascending.length;
  const out = new Uint32Array(n);
  let write = 0;
  let end = n;
  while (end > 0) {
    const value = keys[ascending[end - 1]!]!;
    let start = end - 1;
    while (start > 0 && keys[ascending[start - 1]!] === value) start -= 1;
    for (let k = start; k < end; k += 1) out[write++] = ascending[k]!;
    end = start;
  }
  return out;
}

/** Each key as two uint32 words (low, high) whose unsigned order is the keys' numeric order. */
function sortableBits(keys: ArrayLike<number>, sign: number): Uint32Array {
  const n = keys.length;
  const floats = new Float64Array(n);
  // + 0 turns -0 into +0, so zeros of either sign tie as they do in a numeric comparison.
  for (let i = 0; i < n; i += 1) floats[i] = sign * keys[i]! + 0;
  const words = new Uint32Array(floats.buffer);
  const highAt = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
  for (let i = 0; i < n; i += 1) {
    const high = words[2 * i + highAt]!;
    if (high & 0x8000_0000) {
      words[2 * i + highAt] = ~high >>> 0;
      words[2 * i + 1 - highAt] = ~words[2 * i + 1 - highAt]! >>> 0;
    } else {
      words[2 * i + highAt] = (high | 0x8000_0000) >>> 0;
    }
  }
  // Normalise to (low, high) pairs regardless of the platform's byte order.
  if (highAt === 0) {
    for (let i = 0; i < n; i += 1) [words[2 * i], words[2 * i + 1]] = [words[2 * i + 1]!, words[2 * i]!];
  }
  return words;
}

function radixOrder(words: Uint32Array, order: Uint32Array): Uint32Array {
  const n = order.length;
  let from: Uint32Array = order;
  let to: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(65_536);
  for (let pass = 0; pass < 4; pass += 1) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i += 1) counts[(words[2 * from[i]! + word]! >>> shift) & 0xffff]! += 1;
    // A pass in which every key has the same digit would only copy: skip it.
    if (counts[(words[2 * from[0]! + word]! >>> shift) & 0xffff] === n) continue;
    let total = 0;
    for (let d = 0; d < 65_536; d += 1) {
      const c = counts[d]!;
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i += 1) {
      const row = from[i]!;
      const digit = (words[2 * row + word]! >>> shift) & 0xffff;
      to[counts[digit]!] = row;
      counts[digit] = counts[digit]! + 1;
    }
    [from, to] = [to, from];
  }
  return from;
}
