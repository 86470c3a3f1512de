import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { InvalidCursorError } from './errors.js';

/** Where the next page of a destination file starts: the byte offset of its first record and that record's row number. */
export interface MemberCursor {
  audienceId: string;
  versionId: string;
  destination: string;
  byteOffset: number;
  row: number;
}

const Payload = z.strictObject({
  a: z.string().min(1),
  v: z.string().min(1),
  d: z.string().min(1),
  b: z.number().int().positive(),
  r: z.number().int().positive(),
});

const TAG_BYTES = 16;

/**
 * The tag binds a cursor to the exact file it was issued for: its key is the file's SHA-256, so a
 * cursor edited by hand, or kept from a version that was rewritten since (a deletion regenerates a
 * version's files), no longer verifies. It is a check, not a secret: the pages it leads to are the
 * ones any caller with the API key may read anyway.
 */
const tagOf = (payload: string, fileSha256: string): Buffer =>
  createHmac('sha256', `audience-member-cursor:${fileSha256}`).update(payload).digest().subarray(0, TAG_BYTES);

/** The opaque cursor clients send back: base64url(JSON payload) `.` base64url(tag). */
export function encodeMemberCursor(cursor: MemberCursor, fileSha256: string): string {
  const payload = JSON.stringify({ a: cursor.audienceId, v: cursor.versionId, d: cursor.destination, b: cursor.byteOffset, r: cursor.row });
  return `${Buffer.from(payload).toString('base64url')}.${tagOf(payload, fileSha256).toString('base64url')}`;
}

/** A cursor whose tag is still to be checked against the file it names (verifyMemberCursor). */
export interface DecodedMemberCursor extends MemberCursor {
  payload: string;
  tag: Buffer;
}

const NOT_OURS = 'cursor is not one this API issued: pass the nextCursor of a previous page unchanged, or leave it out to start from the first page.';

/** Reads the cursor's fields; says nothing yet about whether it was issued for them. */
export function decodeMemberCursor(text: string): DecodedMemberCursor {
  const [encodedPayload, encodedTag, ...rest] = text.split('.');
  if (!encodedPayload || !encodedTag || rest.length > 0 || !/^[\w-]+$/.test(encodedPayload) || !/^[\w-]+$/.test(encodedTag)) {
    throw new InvalidCursorError(NOT_OURS);
  }
  const payload = Buffer.from(encodedPayload, 'base64url').toString('utf8');
  let fields: z.infer<typeof Payload>;
  try {
    fields = Payload.parse(JSON.parse(payload));
  } catch (error) {
    throw new InvalidCursorError(NOT_OURS, { cause: error });
  }
  return { audienceId: fields.a, versionId: fields.v, destination: fields.d, byteOffset: fields.b, row: fields.r, payload, tag: Buffer.from(encodedTag, 'base64url') };
}

export function verifyMemberCursor(cursor: DecodedMemberCursor, fileSha256: string): MemberCursor {
  const expected = tagOf(cursor.payload, fileSha256);
  if (cursor.tag.length !== expected.length || !timingSafeEqual(cursor.tag, expected)) {
    throw new InvalidCursorError(
      `cursor does not verify for ${cursor.destination} of audience ${cursor.audienceId} version ${cursor.versionId}: it was altered, or the version has been rewritten since; start again from the first page.`,
    );
  }
  const { payload: _payload, tag: _tag, ...fields } = cursor;
  return fields;
}
