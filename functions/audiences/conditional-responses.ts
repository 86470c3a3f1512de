import { sha256Hex } from './stored-manifest.js';

/** A strong entity tag for a value that changes whenever the representation does. */
export const entityTag = (value: string): string => `"${value}"`;

/** A member page's tag: the file's SHA-256 (from the manifest) with where the page starts, its size and its format. */
export const memberPageTag = (fileSha256: string, byteOffset: number, pageSize: number, format: string): string =>
  entityTag(sha256Hex(`${fileSha256}:${byteOffset}:${pageSize}:${format}`));

/** A listing's tag: the SHA-256 of the body sent. */
export const bodyTag = (body: string): string => entityTag(sha256Hex(body));

const opaqueTag = (tag: string): string => tag.trim().replace(/^W\//, '');

/** If-None-Match holds `*` or the tag (weak comparison, as RFC 9110 asks for this header). */
export function isNotModified(ifNoneMatch: string | null, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const wanted = opaqueTag(tag);
  return ifNoneMatch.split(',').some((candidate) => opaqueTag(candidate) === wanted);
}

/** Clients may keep any response, but must ask again (If-None-Match) before reusing it: `latest` and listings move. */
export const CACHE_CONTROL = 'no-cache';

export const notModified = (tag: string): Response => new Response(null, { status: 304, headers: { ETag: tag, 'Cache-Control': CACHE_CONTROL } });
