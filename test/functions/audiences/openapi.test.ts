import { readFileSync } from 'node:fs';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { createAudienceApiHandler } from '../../../functions/audience-api.js';
import { AudienceCatalogue, InMemoryAudienceStore } from '../../../functions/audiences/index.js';
import { fixtureVersion, headerOf, lambdaContext, proxyEvent } from './audience-fixtures.js';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

type Schema = Record<string, unknown>;
interface Header { required?: boolean; schema: Schema }
interface ResponseObject { headers?: Record<string, Header | { $ref: string }>; content?: Record<string, { schema: Schema }> }
interface Operation { parameters: Array<{ name: string; in: string } | { $ref: string }>; responses: Record<string, ResponseObject | { $ref: string }> }
interface OpenApiDocument { openapi: string; paths: Record<string, { get: Operation }>; components: Record<string, Record<string, unknown>> }

const DOCUMENT_FILE = new URL('../../../functions/audiences/openapi.yaml', import.meta.url);
const document = parse(readFileSync(DOCUMENT_FILE, 'utf8')) as OpenApiDocument;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document as unknown as Schema, 'openapi');

/** Follows a local `$ref` (`#/components/...`) in the document. */
function resolve<T>(value: T | { $ref: string }): T {
  if (!value || typeof value !== 'object' || !('$ref' in value)) return value as T;
  return value.$ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key.replaceAll('~1', '/').replaceAll('~0', '~')], document) as T;
}

/** Validates against a schema of the document, its local `$ref`s pointing into the document ajv holds. */
function validates(schema: Schema, value: unknown): boolean {
  return ajv.validate(JSON.parse(JSON.stringify(schema).replaceAll('"#/', '"openapi#/')) as Schema, value);
}

const templateRegex = (template: string): RegExp => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);

/** The documented operation a path calls, or undefined for an undocumented one. */
const operationFor = (path: string): [string, Operation] | undefined => {
  const entry = Object.entries(document.paths).find(([template]) => templateRegex(template).test(path));
  return entry && [entry[0], entry[1].get];
};

/** Every way the response departs from the document: undocumented status, media type, a body or header that does not validate. */
function departures(path: string, result: APIGatewayProxyResult): string[] {
  const found = operationFor(path);
  if (!found) return [`${path} is not in the document`];
  const [template, operation] = found;
  const declared = operation.responses[String(result.statusCode)];
  if (!declared) return [`${template} does not document status ${result.statusCode}`];
  const response = resolve(declared);
  const problems: string[] = [];
  for (const [name, headerOrRef] of Object.entries(response.headers ?? {})) {
    const header = resolve(headerOrRef);
    const value = headerOf(result, name);
    if (value === undefined) {
      if (header.required) problems.push(`${template} ${result.statusCode}: required header ${name} is missing`);
      continue;
    }
    if (!validates(header.schema, value)) problems.push(`${template} ${result.statusCode}: header ${name}=${value}: ${ajv.errorsText()}`);
  }
  if (result.statusCode === 304) return problems;
  const mediaType = (headerOf(result, 'content-type') ?? '').split(';')[0] ?? '';
  const content = response.content?.[mediaType];
  if (!content) return [...problems, `${template} ${result.statusCode} does not document ${mediaType || 'a response without Content-Type'}`];
  const body = mediaType === 'application/json' ? JSON.parse(result.body) : result.body;
  if (!validates(content.schema, body)) problems.push(`${template} ${result.statusCode} ${mediaType}: ${ajv.errorsText()}`);
  return problems;
}

const store = new InMemoryAudienceStore();
const catalogue = new AudienceCatalogue(store);
const handler = createAudienceApiHandler(() => catalogue);
const call = (path: string, headers: Record<string, string> = {}) => handler(proxyEvent(path, headers), lambdaContext());

beforeAll(() => {
  for (const version of [
    fixtureVersion({ audienceId: 'top-value-lookalike', versionId: 'r20241231060000000-bbbb', members: 12 }),
    fixtureVersion({ audienceId: 'top-value-lookalike', versionId: 'r20241230060000000-aaaa', members: 9 }),
    fixtureVersion({ audienceId: 'win-back-lookalike', versionId: 'r20241231060000000-bbbb', members: 4, destinations: ['google'] }),
  ]) {
    store.putVersion(version.manifest, version.files);
  }
  const broken = fixtureVersion({ audienceId: 'broken', versionId: 'r1', members: 3, destinations: ['meta'] });
  store.putVersion(broken.manifest, {});
});

describe('the OpenAPI document of the audience pull API', () => {
  it('is OpenAPI 3.1 and its schemas compile', () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    for (const name of Object.keys(document.components.schemas ?? {})) {
      expect(() => ajv.getSchema(`openapi#/components/schemas/${name}`)).not.toThrow();
    }
  });

  it('names routes the handler serves: each one answers 200 with the documented fixture values', async () => {
    const values: Record<string, string> = { audienceId: 'top-value-lookalike', versionId: 'latest' };
    const paths = Object.keys(document.paths);

    expect(paths).toHaveLength(4);
    for (const template of paths) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
      const result = await call(template.endsWith('/members') ? `${path}?destination=meta` : path);
      expect({ template, status: result.statusCode }).toEqual({ template, status: 200 });
    }
  });

  it('describes every response the handler gives, body and headers', async () => {
    const members = '/audiences/top-value-lookalike/versions/r20241231060000000-bbbb/members';
    const firstPage = await call(`${members}?destination=google&pageSize=5`);
    const cursor = (JSON.parse(firstPage.body) as { nextCursor: string }).nextCursor;
    const tagged = async (path: string) => call(path, { 'If-None-Match': headerOf(await call(path), 'etag') ?? '' });
    const calls: Array<[string, APIGatewayProxyResult]> = [];
    for (const path of [
      '/audiences',
      '/audiences/top-value-lookalike/versions',
      '/audiences/nobody/versions',
      '/audiences/bad%20id/versions',
      '/audiences/top-value-lookalike/versions/latest',
      '/audiences/top-value-lookalike/versions/r20241230060000000-aaaa',
      '/audiences/top-value-lookalike/versions/r0',
      `${members}?destination=meta`,
      `${members}?destination=google&format=csv&pageSize=5`,
      `${members}?destination=google&pageSize=5&cursor=${cursor}`,
      `${members}?destination=google&pageSize=100&cursor=${cursor}`,
      `${members}?destination=meta&cursor=${cursor}`,
      `${members}?destination=meta&pageSize=0`,
      `${members}?format=yaml&destination=meta`,
      `${members}`,
      '/audiences/win-back-lookalike/versions/latest/members?destination=meta',
      '/audiences/broken/versions/r1/members',
    ]) {
      calls.push([path, await call(path)]);
    }
    for (const path of ['/audiences', '/audiences/top-value-lookalike/versions/latest', `${members}?destination=meta&format=csv`]) {
      calls.push([path, await tagged(path)]);
    }

    expect(calls.map(([, result]) => result.statusCode).sort()).toEqual(
      [200, 200, 200, 200, 200, 200, 200, 200, 304, 304, 304, 400, 400, 400, 400, 400, 404, 404, 404, 500].sort(),
    );
    expect(calls.flatMap(([path, result]) => departures(path.split('?')[0] ?? path, result))).toEqual([]);
  });

  it('catches a response that departs from it, so a clean result means something', () => {
    const result = { statusCode: 200, headers: { 'Content-Type': 'application/json', ETag: '"x"', 'Cache-Control': 'no-cache' }, body: JSON.stringify({ items: [{ id: 'a' }] }) };

    expect(departures('/audiences', result)).toEqual([expect.stringContaining("must have required property 'latestVersionId'")]);
    expect(departures('/audiences', { ...result, statusCode: 418 })).toEqual(['/audiences does not document status 418']);
    expect(departures('/segments', result)).toEqual(['/segments is not in the document']);
  });
});
