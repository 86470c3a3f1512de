import { Router } from '@aws-lambda-powertools/event-handler/http';
import type { RequestContext } from '@aws-lambda-powertools/event-handler/types';
import type { AudienceCatalogue } from './audience-catalogue.js';
import { bodyTag, CACHE_CONTROL, entityTag, isNotModified, memberPageTag, notModified } from './conditional-responses.js';
import { formatRecord } from './csv-records.js';
import { AudienceNotFoundError, InvalidParameterError } from './errors.js';
import { DEFAULT_PAGE_SIZE, locatePage, MAX_PAGE_SIZE, readPage } from './member-pages.js';

export const MEMBER_FORMATS = ['json', 'csv'] as const;
type MemberFormat = (typeof MEMBER_FORMATS)[number];

/** What the routes log: a request the API could not answer (500), with its cause; nothing else. */
export interface AudienceApiLogger {
  error(message: string, details: Record<string, unknown>): void;
}

/** Audience and version ids as the storage contract writes them; anything else (a `/`, `..`) is refused before any read. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function pathId(reqCtx: RequestContext, name: 'audienceId' | 'versionId'): string {
  const value = reqCtx.params[name] ?? '';
  if (!ID.test(value)) throw new InvalidParameterError(name, `${name} must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit, not "${value}".`);
  return value;
}

function queryValue(reqCtx: RequestContext, name: string): string | undefined {
  const values = new URL(reqCtx.req.url).searchParams.getAll(name);
  if (values.length > 1) throw new InvalidParameterError(name, `${name} is given ${values.length} times; give it once.`);
  return values[0];
}

function pageSizeOf(reqCtx: RequestContext): number {
  const text = queryValue(reqCtx, 'pageSize');
  if (text === undefined) return DEFAULT_PAGE_SIZE;
  const size = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) throw new InvalidParameterError('pageSize', `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, not "${text}".`);
  return size;
}

function formatOf(reqCtx: RequestContext): MemberFormat {
  const format = queryValue(reqCtx, 'format') ?? 'json';
  if (!(MEMBER_FORMATS as readonly string[]).includes(format)) throw new InvalidParameterError('format', `format must be one of ${MEMBER_FORMATS.join(', ')}, not "${format}".`);
  return format as MemberFormat;
}

/** The tag's response, or 304 when the client holds it already. */
const unlessHeld = (reqCtx: RequestContext, tag: string, respond: () => Promise<Response> | Response): Promise<Response> | Response =>
  isNotModified(reqCtx.req.headers.get('if-none-match'), tag) ? notModified(tag) : respond();

/** The path the client called, stage included (API Gateway), for the next page's Link. */
function calledPath(reqCtx: RequestContext): string {
  const event = reqCtx.event as { requestContext?: { path?: string }; rawPath?: string; path?: string };
  return event.requestContext?.path ?? event.rawPath ?? event.path ?? new URL(reqCtx.req.url).pathname;
}

function nextPageLink(reqCtx: RequestContext, cursor: string): string {
  const query = new URL(reqCtx.req.url).searchParams;
  query.set('cursor', cursor);
  return `<${calledPath(reqCtx)}?${query.toString()}>; rel="next"`;
}

const errorBody = (statusCode: number, error: string, message: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ statusCode, error, message, ...extra }), { status: statusCode, headers: { 'Content-Type': 'application/json' } });

/**
 * The pull API's routes over a catalogue: read-only, JSON unless a CSV page is asked for. Every
 * error is answered with `{ statusCode, error, message }` and never with a stack trace.
 */
export function createAudienceRouter(catalogue: () => AudienceCatalogue, logger: AudienceApiLogger): Router {
  const router = new Router();

  router.get('/audiences', async (reqCtx) => listing(reqCtx, { items: await catalogue().audiences() }));

  router.get('/audiences/:audienceId/versions', async (reqCtx) => {
    const audienceId = pathId(reqCtx, 'audienceId');
    return listing(reqCtx, { audienceId, items: await catalogue().versions(audienceId) });
  });

  router.get('/audiences/:audienceId/versions/:versionId', async (reqCtx) => {
    const stored = await catalogue().manifest(pathId(reqCtx, 'audienceId'), pathId(reqCtx, 'versionId'));
    const tag = entityTag(stored.sha256);
    return unlessHeld(reqCtx, tag, () =>
      new Response(stored.bytes, { status: 200, headers: { 'Content-Type': 'application/json', ETag: tag, 'Cache-Control': CACHE_CONTROL } }),
    );
  });

  router.get('/audiences/:audienceId/versions/:versionId/members', async (reqCtx) => {
    const request = {
      audienceId: pathId(reqCtx, 'audienceId'),
      versionId: pathId(reqCtx, 'versionId'),
      destination: queryValue(reqCtx, 'destination'),
      cursor: queryValue(reqCtx, 'cursor'),
    };
    const pageSize = pageSizeOf(reqCtx);
    const format = formatOf(reqCtx);
    const position = await locatePage(catalogue(), request);
    const { manifest } = position.stored;
    const tag = memberPageTag(position.file.sha256, position.byteOffset, pageSize, format);
    return unlessHeld(reqCtx, tag, async () => {
      const page = await readPage(catalogue().store, position, pageSize);
      const headers: Record<string, string> = {
        ETag: tag,
        'Cache-Control': CACHE_CONTROL,
        'X-Audience-Version': manifest.versionId,
        'X-Audience-Destination': position.file.destination,
      };
      if (page.nextCursor) {
        headers['X-Next-Cursor'] = page.nextCursor;
        headers.Link = nextPageLink(reqCtx, page.nextCursor);
      }
      if (format === 'csv') {
        const lines = [page.header, ...page.rows].map((cells) => `${formatRecord(cells)}\n`).join('');
        return new Response(lines, { status: 200, headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
      }
      const items = page.rows.map((cells) => Object.fromEntries(page.header.map((column, i) => [column, cells[i] ?? ''])));
      const body = { audienceId: manifest.audienceId, versionId: manifest.versionId, destination: position.file.destination, items, nextCursor: page.nextCursor };
      return new Response(JSON.stringify(body), { status: 200, headers: { ...headers, 'Content-Type': 'application/json' } });
    });
  });

  router.errorHandler(InvalidParameterError, async (error) => errorBody(400, error.name, error.message, { parameter: error.parameter }));
  router.errorHandler(AudienceNotFoundError, async (error) => errorBody(404, error.name, error.message));
  router.notFound(async (error) => errorBody(404, 'NotFoundError', error.message));
  router.methodNotAllowed(async (error) => errorBody(405, 'MethodNotAllowedError', error.message));
  // Registered last: the registry tries the handlers above first, and this one answers everything else.
  router.errorHandler(Error, async (error, reqCtx) => {
    logger.error('audience API request failed', { error, method: reqCtx.req.method, path: new URL(reqCtx.req.url).pathname });
    return errorBody(500, 'InternalServerError', 'The request could not be answered; the error is in the API function\'s log.');
  });
  return router;
}

/** A listing: JSON with its body's hash as the tag, or 304. */
function listing(reqCtx: RequestContext, body: unknown): Promise<Response> | Response {
  const text = JSON.stringify(body);
  const tag = bodyTag(text);
  return unlessHeld(reqCtx, tag, () => new Response(text, { status: 200, headers: { 'Content-Type': 'application/json', ETag: tag, 'Cache-Control': CACHE_CONTROL } }));
}
