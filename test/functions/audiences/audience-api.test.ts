import type { APIGatewayProxyResult } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAudienceApiHandler } from '../../../functions/audience-api.js';
import { AudienceCatalogue, InMemoryAudienceStore, type AudienceVersionRef } from '../../../functions/audiences/index.js';
import { fixtureVersion, headerOf, lambdaContext, proxyEvent } from './audience-fixtures.js';

// Before the handler module creates its logger: the 500 test's error log is expected.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

let store: InMemoryAudienceStore;
let unreadable: AudienceVersionRef[];
let call: (path: string, headers?: Record<string, string>) => Promise<APIGatewayProxyResult>;

const body = <T = Record<string, unknown>>(result: APIGatewayProxyResult): T => JSON.parse(result.body) as T;

beforeEach(() => {
  store = new InMemoryAudienceStore();
  unreadable = [];
  const catalogue = new AudienceCatalogue(store, (version) => unreadable.push(version));
  const handler = createAudienceApiHandler(() => catalogue);
  call = (path, headers) => handler(proxyEvent(path, headers), lambdaContext());
  const older = fixtureVersion({ audienceId: 'top-value-lookalike', versionId: 'r20241230060000000-aaaa', members: 40, asOf: '2024-12-30' });
  const newer = fixtureVersion({ audienceId: 'top-value-lookalike', versionId: 'r20241231060000000-bbbb', members: 25 });
  const winBack = fixtureVersion({ audienceId: 'win-back-lookalike', versionId: 'r20241231060000000-bbbb', members: 7, destinations: ['meta'] });
  for (const version of [older, newer, winBack]) store.putVersion(version.manifest, version.files);
  // Being written: files but no manifest yet.
  const partial = fixtureVersion({ audienceId: 'top-value-lookalike', versionId: 'r20250101060000000-cccc', members: 3 });
  for (const [file, text] of Object.entries(partial.files)) store.putFile(partial.manifest, file, text);
  const unfinished = fixtureVersion({ audienceId: 'being-written', versionId: 'r20250101060000000-cccc', members: 3 });
  store.putFile(unfinished.manifest, 'meta.csv', unfinished.files['meta.csv'] ?? '');
});

describe('GET /audiences', () => {
  it('lists each audience with its latest complete version, never an incomplete one', async () => {
    const result = await call('/audiences');

    expect(result.statusCode).toBe(200);
    expect(headerOf(result, 'content-type')).toBe('application/json');
    const { items } = body<{ items: Array<Record<string, unknown>> }>(result);
    expect(items.map((item) => [item.id, item.latestVersionId, item.versions, item.members])).toEqual([
      ['top-value-lookalike', 'r20241231060000000-bbbb', 2, 25],
      ['win-back-lookalike', 'r20241231060000000-bbbb', 1, 7],
    ]);
    expect(items[0]).toMatchObject({ asOf: '2024-12-31', createdAt: '2024-12-31T06:00:00.000Z' });
    expect((items[0]?.destinations as Array<{ destination: string }>).map((d) => d.destination)).toEqual(['meta', 'google']);
  });

  it('leaves out a version whose manifest cannot be used, and says which', async () => {
    store.putFile({ audienceId: 'top-value-lookalike', versionId: 'r20250102060000000-dddd' }, 'manifest.json', '{"format": 1');

    const { items } = body<{ items: Array<{ id: string; latestVersionId: string }> }>(await call('/audiences'));

    expect(items[0]?.latestVersionId).toBe('r20241231060000000-bbbb');
    expect(unreadable).toEqual([{ audienceId: 'top-value-lookalike', versionId: 'r20250102060000000-dddd' }]);
  });

  it('answers 304 to If-None-Match with its ETag, and 200 again once a version is added', async () => {
    const first = await call('/audiences');
    const tag = headerOf(first, 'etag') ?? '';

    const again = await call('/audiences', { 'If-None-Match': tag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(headerOf(again, 'etag')).toBe(tag);

    const next = fixtureVersion({ audienceId: 'win-back-lookalike', versionId: 'r20250101060000000-eeee', members: 9 });
    store.putVersion(next.manifest, next.files);
    expect((await call('/audiences', { 'If-None-Match': tag })).statusCode).toBe(200);
  });
});

describe('GET /audiences/{audienceId}/versions', () => {
  it('lists complete versions newest first', async () => {
    const result = await call('/audiences/top-value-lookalike/versions');

    expect(result.statusCode).toBe(200);
    const { audienceId, items } = body<{ audienceId: string; items: Array<{ versionId: string; members: number }> }>(result);
    expect(audienceId).toBe('top-value-lookalike');
    expect(items.map((item) => [item.versionId, item.members])).toEqual([
      ['r20241231060000000-bbbb', 25],
      ['r20241230060000000-aaaa', 40],
    ]);
  });

  it('is 404 for an audience with no complete version', async () => {
    for (const id of ['nobody', 'being-written']) {
      const result = await call(`/audiences/${id}/versions`);
      expect(result.statusCode).toBe(404);
      expect(body(result)).toEqual({ statusCode: 404, error: 'AudienceNotFoundError', message: `No audience ${id}: it has no complete version.` });
    }
  });

  it('is 400 for an id that cannot be one, before reading anything', async () => {
    const result = await call('/audiences/..%2Fconfig/versions');

    expect(result.statusCode).toBe(400);
    expect(body(result)).toMatchObject({ error: 'InvalidParameterError', parameter: 'audienceId' });
  });
});

describe('GET /audiences/{audienceId}/versions/{versionId}', () => {
  it('serves the manifest as stored, with its SHA-256 as ETag, and 304 for it', async () => {
    const result = await call('/audiences/top-value-lookalike/versions/r20241230060000000-aaaa');

    expect(result.statusCode).toBe(200);
    expect(body(result)).toMatchObject({ audienceId: 'top-value-lookalike', versionId: 'r20241230060000000-aaaa', members: 40, quality: { liftAtSize: 6 } });
    const { sha256Hex } = await import('../../../functions/audiences/index.js');
    expect(headerOf(result, 'etag')).toBe(`"${sha256Hex(result.body)}"`);
    const again = await call('/audiences/top-value-lookalike/versions/r20241230060000000-aaaa', { 'if-none-match': `W/${headerOf(result, 'etag')}` });
    expect(again.statusCode).toBe(304);
  });

  it('resolves latest to the newest complete version', async () => {
    const result = await call('/audiences/top-value-lookalike/versions/latest');

    expect(body(result)).toMatchObject({ versionId: 'r20241231060000000-bbbb' });
  });

  it('is 404 for a version without a manifest, naming where the versions are listed', async () => {
    const result = await call('/audiences/top-value-lookalike/versions/r20250101060000000-cccc');

    expect(result.statusCode).toBe(404);
    expect(body<{ message: string }>(result).message).toBe(
      'Audience top-value-lookalike has no complete version r20250101060000000-cccc (GET /audiences/top-value-lookalike/versions lists them).',
    );
  });
});

describe('GET /audiences/{audienceId}/versions/{versionId}/members', () => {
  const members = '/audiences/top-value-lookalike/versions/r20241230060000000-aaaa/members';
  const expected = fixtureVersion({ audienceId: 'top-value-lookalike', versionId: 'r20241230060000000-aaaa', members: 40 });

  it('pages through every row of a destination as JSON objects keyed by the header', async () => {
    const seen: Array<Record<string, string>> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const result = await call(`${members}?destination=google&pageSize=15${query}`);
      expect(result.statusCode).toBe(200);
      const page = body<{ items: Array<Record<string, string>>; nextCursor: string | null; versionId: string; destination: string }>(result);
      expect(page).toMatchObject({ versionId: 'r20241230060000000-aaaa', destination: 'google' });
      seen.push(...page.items);
      cursor = page.nextCursor;
      expect(headerOf(result, 'x-next-cursor')).toBe(cursor ?? undefined);
      if (cursor) expect(headerOf(result, 'link')).toBe(`</v1${members}?destination=google&pageSize=15&cursor=${encodeURIComponent(cursor)}>; rel="next"`);
      pages++;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual(expected.rows.google?.map(([Email, Phone, Country, Zip]) => ({ Email, Phone, Country, Zip })));
    expect(seen[10]?.Zip).toBe('SW1A, 10AA');
  });

  it('gives the header and the page rows as CSV, the next cursor in X-Next-Cursor', async () => {
    const result = await call(`${members}?destination=meta&format=csv&pageSize=2`);

    expect(result.statusCode).toBe(200);
    expect(headerOf(result, 'content-type')).toBe('text/csv; charset=utf-8');
    expect(result.body).toBe(expected.files['meta.csv']?.split('\n').slice(0, 3).join('\n').concat('\n'));
    const next = await call(`${members}?destination=meta&format=csv&pageSize=2&cursor=${headerOf(result, 'x-next-cursor')}`);
    expect(next.body.split('\n')).toEqual([...(expected.files['meta.csv']?.split('\n').slice(0, 1) ?? []), ...(expected.files['meta.csv']?.split('\n').slice(3, 5) ?? []), '']);
  });

  it('reads a file with CRLF line breaks and no final line break', async () => {
    const crlf = fixtureVersion({ audienceId: 'crlf', versionId: 'r1', members: 5, destinations: ['meta'], lineEnding: '\r\n' });
    store.putVersion(crlf.manifest, { 'meta.csv': crlf.files['meta.csv']?.trimEnd() ?? '' });
    const first = body<{ items: unknown[]; nextCursor: string }>(await call('/audiences/crlf/versions/r1/members?pageSize=3'));
    const second = body<{ items: Array<Record<string, string>>; nextCursor: string | null }>(
      await call(`/audiences/crlf/versions/r1/members?pageSize=3&cursor=${first.nextCursor}`),
    );

    expect(first.items).toHaveLength(3);
    expect(second.items.map((item) => item.email)).toEqual(crlf.rows.meta?.slice(3).map((row) => row[0]));
    expect(second.nextCursor).toBeNull();
  });

  it('needs no destination when the version has one file, and defaults to 1,000 rows a page', async () => {
    const result = await call('/audiences/win-back-lookalike/versions/latest/members');

    expect(body(result)).toMatchObject({ destination: 'meta', nextCursor: null });
    expect(body<{ items: unknown[] }>(result).items).toHaveLength(7);
  });

  it('gives an ETag per page and answers 304 for it', async () => {
    const first = await call(`${members}?destination=meta&pageSize=10`);
    const tag = headerOf(first, 'etag') ?? '';
    const cursor = body<{ nextCursor: string }>(first).nextCursor;
    const second = await call(`${members}?destination=meta&pageSize=10&cursor=${cursor}`);

    expect(headerOf(second, 'etag')).not.toBe(tag);
    expect(headerOf(await call(`${members}?destination=meta&pageSize=10&format=csv`), 'etag')).not.toBe(tag);
    expect((await call(`${members}?destination=meta&pageSize=10`, { 'If-None-Match': `"other", ${tag}` })).statusCode).toBe(304);
  });

  it('keeps paging the version a cursor started on under latest, even after a newer version is published', async () => {
    const latest = '/audiences/top-value-lookalike/versions/latest/members?destination=meta&pageSize=20';
    const first = body<{ versionId: string; nextCursor: string }>(await call(latest));
    const newest = fixtureVersion({ audienceId: 'top-value-lookalike', versionId: 'r20250105060000000-ffff', members: 2 });
    store.putVersion(newest.manifest, newest.files);

    const second = body<{ versionId: string; items: unknown[] }>(await call(`${latest}&cursor=${first.nextCursor}`));

    expect(first.versionId).toBe('r20241231060000000-bbbb');
    expect(second).toMatchObject({ versionId: 'r20241231060000000-bbbb' });
    expect(second.items).toHaveLength(5);
  });

  it.each([
    ['pageSize=0', 'pageSize', 'pageSize must be a whole number from 1 to 10000, not "0".'],
    ['pageSize=10001', 'pageSize', 'pageSize must be a whole number from 1 to 10000, not "10001".'],
    ['pageSize=ten', 'pageSize', 'pageSize must be a whole number from 1 to 10000, not "ten".'],
    ['format=xml', 'format', 'format must be one of json, csv, not "xml".'],
    ['destination=tiktok', 'destination', 'destination must be one of meta, google, not "tiktok".'],
    ['', 'destination', 'destination is required: version r20241230060000000-aaaa of audience top-value-lookalike has meta, google.'],
    ['destination=meta&destination=google', 'destination', 'destination is given 2 times; give it once.'],
    ['destination=meta&cursor=not-a-cursor', 'cursor', 'cursor is not one this API issued: pass the nextCursor of a previous page unchanged, or leave it out to start from the first page.'],
  ])('is 400 for %s', async (query, parameter, message) => {
    const result = await call(`${members}?${query}`);

    expect(result.statusCode).toBe(400);
    expect(body(result)).toEqual({ statusCode: 400, error: parameter === 'cursor' ? 'InvalidCursorError' : 'InvalidParameterError', parameter, message });
  });

  it('is 400 for a cursor of another version or destination, or one altered', async () => {
    const cursor = body<{ nextCursor: string }>(await call(`${members}?destination=meta&pageSize=5`)).nextCursor;
    const other = '/audiences/top-value-lookalike/versions/r20241231060000000-bbbb/members';

    const otherVersion = await call(`${other}?destination=meta&cursor=${cursor}`);
    const otherDestination = await call(`${members}?destination=google&cursor=${cursor}`);
    const [payload, tag] = cursor.split('.');
    const moved = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { b: number };
    const altered = `${Buffer.from(JSON.stringify({ ...moved, b: moved.b + 3 })).toString('base64url')}.${tag}`;
    const alteredResult = await call(`${members}?destination=meta&cursor=${altered}`);

    expect([otherVersion.statusCode, otherDestination.statusCode, alteredResult.statusCode]).toEqual([400, 400, 400]);
    expect(body<{ message: string }>(otherVersion).message).toBe(
      'cursor was issued for version r20241230060000000-aaaa of audience top-value-lookalike (meta), not for version r20241231060000000-bbbb of audience top-value-lookalike (meta).',
    );
    expect(body<{ message: string }>(alteredResult).message).toMatch(/^cursor does not verify for meta of audience top-value-lookalike version r20241230060000000-aaaa/);
  });

  it('is 404 for a destination the version has no file for', async () => {
    const result = await call('/audiences/win-back-lookalike/versions/latest/members?destination=google');

    expect(result.statusCode).toBe(404);
    expect(body<{ message: string }>(result).message).toBe('Version r20241231060000000-bbbb of audience win-back-lookalike has no google file (it has meta).');
  });

  it('is a 500 without a stack trace when the store fails, and a 404 for an unknown route', async () => {
    const broken = fixtureVersion({ audienceId: 'broken', versionId: 'r1', members: 3, destinations: ['meta'] });
    store.putVersion(broken.manifest, {});

    const failed = await call('/audiences/broken/versions/r1/members');
    const unknown = await call('/segments');

    expect(failed.statusCode).toBe(500);
    expect(body(failed)).toEqual({ statusCode: 500, error: 'InternalServerError', message: "The request could not be answered; the error is in the API function's log." });
    expect(failed.body).not.toMatch(/at |\.ts/);
    expect(unknown.statusCode).toBe(404);
    expect(body(unknown)).toMatchObject({ statusCode: 404, error: 'NotFoundError' });
  });
});
