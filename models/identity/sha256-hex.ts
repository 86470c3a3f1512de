import { createHash } from 'node:crypto';

/** SHA-256 of the UTF-8 bytes of `value` as 64 lower-case hex characters. Normalise before hashing. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}
