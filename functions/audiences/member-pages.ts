import type { AudienceDestinationFile } from '../../models/audiences/audience-version.js';
import { LATEST_VERSION, type AudienceCatalogue } from './audience-catalogue.js';
import type { AudienceStore } from './audience-store.js';
import { formatRecord, isBlankRecord, parseRecord, recordEnd } from './csv-records.js';
import { AudienceNotFoundError, AudienceStoreError, InvalidCursorError, InvalidParameterError } from './errors.js';
import { decodeMemberCursor, encodeMemberCursor, verifyMemberCursor } from './member-cursor.js';
import { DESTINATIONS, type StoredManifest } from './stored-manifest.js';

export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 10_000;

export interface MemberPageRequest {
  audienceId: string;
  /** A version id or `latest`; with a cursor, `latest` means the version the cursor pages through. */
  versionId: string;
  /** Required when the version has more than one destination file (and no cursor names it). */
  destination?: string;
  cursor?: string;
}

/** Where a requested page starts, known before any byte of the file is read (so a 304 costs one manifest read). */
export interface PagePosition {
  stored: StoredManifest;
  file: AudienceDestinationFile;
  /** Byte offset of the page's first record; 0 means the first page, which starts with the header. */
  byteOffset: number;
  /** Row number (0-based, header excluded) of the page's first record. */
  row: number;
}

export interface MemberPage {
  header: string[];
  rows: string[][];
  /** Null on the last page. */
  nextCursor: string | null;
}

const inList = (values: readonly string[]): string => values.join(', ');

function chooseFile(stored: StoredManifest, asked: string | undefined): AudienceDestinationFile {
  const { manifest } = stored;
  const available = manifest.destinations.map((file) => file.destination);
  if (asked === undefined) {
    const [only, ...others] = manifest.destinations;
    if (only && others.length === 0) return only;
    throw new InvalidParameterError('destination', `destination is required: version ${manifest.versionId} of audience ${manifest.audienceId} has ${inList(available) || 'no destination files'}.`);
  }
  if (!(DESTINATIONS as readonly string[]).includes(asked)) {
    throw new InvalidParameterError('destination', `destination must be one of ${inList(DESTINATIONS)}, not "${asked}".`);
  }
  const file = manifest.destinations.find((candidate) => candidate.destination === asked);
  if (!file) throw new AudienceNotFoundError(`Version ${manifest.versionId} of audience ${manifest.audienceId} has no ${asked} file (it has ${inList(available) || 'none'}).`);
  return file;
}

/** Resolves the version, the destination file and the page's start from the request and its cursor. */
export async function locatePage(catalogue: AudienceCatalogue, request: MemberPageRequest): Promise<PagePosition> {
  const cursor = request.cursor === undefined ? null : decodeMemberCursor(request.cursor);
  if (!cursor) {
    const stored = await catalogue.manifest(request.audienceId, request.versionId);
    return { stored, file: chooseFile(stored, request.destination), byteOffset: 0, row: 0 };
  }
  const issuedFor = `version ${cursor.versionId} of audience ${cursor.audienceId} (${cursor.destination})`;
  const pinnedVersion = request.versionId === LATEST_VERSION ? cursor.versionId : request.versionId;
  if (cursor.audienceId !== request.audienceId || cursor.versionId !== pinnedVersion || (request.destination !== undefined && request.destination !== cursor.destination)) {
    const asked = `version ${request.versionId} of audience ${request.audienceId}${request.destination ? ` (${request.destination})` : ''}`;
    throw new InvalidCursorError(`cursor was issued for ${issuedFor}, not for ${asked}.`);
  }
  const stored = await catalogue.manifest(cursor.audienceId, cursor.versionId);
  const file = chooseFile(stored, cursor.destination);
  const verified = verifyMemberCursor(cursor, file.sha256);
  return { stored, file, byteOffset: verified.byteOffset, row: verified.row };
}

/** Bytes fetched per ranged read: about a page, within bounds that keep reads few and memory small. */
const chunkBytesFor = (pageSize: number): number => Math.min(8 * 1024 * 1024, Math.max(64 * 1024, pageSize * 256));

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
};

/**
 * Reads `pageSize` rows from the page's start with ranged reads, record by record, and the cursor
 * of the next page (the byte offset after the last row read), or null when the file ends there.
 */
export async function readPage(store: AudienceStore, position: PagePosition, pageSize: number): Promise<MemberPage> {
  const { stored, file } = position;
  const version = { audienceId: stored.manifest.audienceId, versionId: stored.manifest.versionId };
  const where = `${file.file} of audience ${version.audienceId} version ${version.versionId}`;
  const decoder = new TextDecoder('utf-8');
  const chunkBytes = chunkBytesFor(pageSize);
  const rows: string[][] = [];
  let expectHeader = position.byteOffset === 0;
  let buffer: Uint8Array = new Uint8Array();
  let bufferStart = position.byteOffset;
  let next = 0;
  let size = Number.POSITIVE_INFINITY;

  const take = (record: string) => {
    if (isBlankRecord(record)) return;
    const cells = parseRecord(record);
    if (!expectHeader) {
      rows.push(cells);
      return;
    }
    expectHeader = false;
    if (formatRecord(cells) !== formatRecord(file.header)) {
      throw new AudienceStoreError(`The header of ${where} (${formatRecord(cells)}) is not the manifest's (${formatRecord(file.header)}).`);
    }
  };

  while (rows.length < pageSize) {
    const end = recordEnd(buffer, next);
    if (end !== null) {
      take(decoder.decode(buffer.subarray(next, end)));
      next = end;
      continue;
    }
    const fetchFrom = bufferStart + buffer.length;
    if (fetchFrom >= size) {
      if (next < buffer.length) take(decoder.decode(buffer.subarray(next)));
      next = buffer.length;
      break;
    }
    const range = await store.readRange(version, file.file, fetchFrom, fetchFrom + chunkBytes);
    if (!range) throw new AudienceStoreError(`The manifest lists ${where}, but the file is missing.`);
    size = range.bytes.length === 0 ? Math.min(range.size, fetchFrom) : range.size;
    buffer = concat(buffer.subarray(next), range.bytes);
    bufferStart += next;
    next = 0;
  }
  if (expectHeader) throw new AudienceStoreError(`${where} is empty: it has no header.`);

  const nextByte = bufferStart + next;
  // A file's last line break, or blank lines after its last row, do not make another page.
  const onlyBlankLeft = bufferStart + buffer.length >= size && isBlankRecord(decoder.decode(buffer.subarray(next)));
  const nextCursor = nextByte >= size || onlyBlankLeft || rows.length === 0
    ? null
    : encodeMemberCursor({ ...version, destination: file.destination, byteOffset: nextByte, row: position.row + rows.length }, file.sha256);
  return { header: file.header, rows, nextCursor };
}
