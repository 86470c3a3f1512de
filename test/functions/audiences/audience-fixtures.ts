import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { AUDIENCE_MANIFEST_FORMAT, destinationFileName, type AudienceManifest, type DestinationId } from '../../../models/audiences/audience-version.js';
import { sha256Hex } from '../../../functions/audiences/index.js';
import { createLambdaContext } from '../../../infra/local/runtime/lambda-context.js';

/** The headers the two destinations' files carry (as the platforms' upload templates name them). */
export const FIXTURE_HEADERS: Record<DestinationId, string[]> = {
  meta: ['email', 'phone', 'country', 'value'],
  google: ['Email', 'Phone', 'Country', 'Zip'],
};

const hex = (seed: string): string => sha256Hex(seed);

/** Row i of a destination file: hashed identifiers, and a Google zip with a comma so quoting is exercised. */
const rowOf = (destination: DestinationId, versionId: string, i: number): string[] =>
  destination === 'meta'
    ? [hex(`email-${versionId}-${i}`), hex(`phone-${i}`), 'gb', (i % 97).toFixed(2)]
    : [hex(`Email-${versionId}-${i}`), hex(`Phone-${i}`), 'GB', i % 10 === 0 ? `"SW1A, ${i}AA"` : `N${i}`];

export interface FixtureVersion {
  manifest: AudienceManifest;
  /** File name → contents, as Publish writes them. */
  files: Record<string, string>;
  /** Destination → the rows it holds, parsed (what the API must give back). */
  rows: Record<string, string[][]>;
}

const unquote = (cell: string): string => (cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);

export function fixtureVersion(options: {
  audienceId: string;
  versionId: string;
  members: number;
  destinations?: DestinationId[];
  asOf?: string;
  lineEnding?: '\n' | '\r\n';
}): FixtureVersion {
  const { audienceId, versionId, members } = options;
  const destinations = options.destinations ?? ['meta', 'google'];
  const eol = options.lineEnding ?? '\n';
  const files: Record<string, string> = {};
  const rows: Record<string, string[][]> = {};
  const described = destinations.map((destination) => {
    const raw = Array.from({ length: members }, (_, i) => rowOf(destination, versionId, i));
    const text = [FIXTURE_HEADERS[destination], ...raw].map((cells) => cells.join(',')).join(eol) + eol;
    const file = destinationFileName(destination);
    files[file] = text;
    rows[destination] = raw.map((cells) => cells.map(unquote));
    return { destination, file, header: FIXTURE_HEADERS[destination], rows: members, droppedWithoutIdentifiers: 3, sha256: sha256Hex(text) };
  });
  const asOf = options.asOf ?? '2024-12-31';
  const manifest: AudienceManifest = {
    format: AUDIENCE_MANIFEST_FORMAT,
    audienceId,
    versionId,
    runId: versionId,
    asOf,
    createdAt: `${asOf}T06:00:00.000Z`,
    definition: { id: audienceId, seed: { segment: 'clv:top-5' }, size: { share: 0.05 } },
    seed: { segment: 'clv:top-5', size: 800, valueWeighted: false, heldOut: 160 },
    pool: { size: 10_000, prospects: 10_000, customers: 0, withoutConsent: 120, suppressed: 0 },
    model: { kind: 'logistic', features: ['country=GB'], topFeatures: [{ feature: 'country=GB', weight: 0.4 }], comparedWith: [{ kind: 'profile-match', recall: 0.2 }] },
    quality: { recallAtSize: 0.3, liftAtSize: 6, randomRecallAtSize: 0.05 },
    members,
    destinations: described,
  };
  return { manifest, files, rows };
}

/** A REST API (v1) proxy event as API Gateway sends it for `GET path?query` under stage `v1`. */
export function proxyEvent(pathAndQuery: string, headers: Record<string, string> = {}): APIGatewayProxyEvent {
  const url = new URL(pathAndQuery, 'https://api.example.com');
  const query = [...url.searchParams.keys()];
  const single = Object.fromEntries(query.map((name) => [name, url.searchParams.getAll(name).at(-1) ?? '']));
  const multi = Object.fromEntries(query.map((name) => [name, url.searchParams.getAll(name)]));
  return {
    resource: '/{proxy+}',
    path: url.pathname,
    httpMethod: 'GET',
    headers: { Host: 'api.example.com', ...headers },
    multiValueHeaders: Object.fromEntries(Object.entries({ Host: 'api.example.com', ...headers }).map(([name, value]) => [name, [value]])),
    queryStringParameters: query.length ? single : null,
    multiValueQueryStringParameters: query.length ? multi : null,
    pathParameters: { proxy: url.pathname.slice(1) },
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { path: `/v1${url.pathname}`, stage: 'v1', httpMethod: 'GET', domainName: 'api.example.com' } as APIGatewayProxyEvent['requestContext'],
  };
}

export const lambdaContext = () => createLambdaContext({ functionName: 'AudienceApi', memoryLimitInMB: 512, timeoutSeconds: 25, startedAt: Date.now() });

/** A response's header, whatever case the handler wrote it in. */
export const headerOf = (result: APIGatewayProxyResult, name: string): string | undefined =>
  Object.entries(result.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]?.toString();
