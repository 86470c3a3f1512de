/**
 * An item's size as DynamoDB bills it (Developer Guide, "Item sizes and formats"), for an item as
 * the document client reads and writes it: each attribute's name in UTF-8 bytes plus its value,
 * where a string is its UTF-8 bytes, a number about one byte per two significant digits plus one,
 * a binary its length, a boolean or null one byte, and a list or map 3 bytes plus one byte per
 * element besides the elements (and a map's names) themselves.
 */
export function dynamoItemBytes(item: object): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name, 'utf8') + valueBytes(value), 0);
}

/** Write request units of one put or delete of an item of this size: one per started kilobyte. */
export const writeUnitsOf = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') return numberBytes(String(value));
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, element) => sum + valueBytes(element), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, element) => sum + 1 + valueBytes(element), 0);
  if (typeof value === 'object') return 3 + Object.entries(value).reduce((sum, [name, element]) => sum + 1 + Buffer.byteLength(name, 'utf8') + valueBytes(element), 0);
  return 0;
}

/** Significant digits, leading and trailing zeros left out, halved and rounded up, plus one. */
function numberBytes(text: string): number {
  const digits = text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}
