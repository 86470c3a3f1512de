import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionFileKey } from '../../../functions/audiences/index.js';
import { AUDIENCE_MANIFEST_FILE } from '../../../models/audiences/audience-version.js';
import {
  LOCAL_API_KEY_FILE,
  localApiKey,
  serveCommand,
  startAudienceServer,
  type RunningAudienceServer,
} from '../../../infra/local/cli/commands/serve-command.js';
import { UsageError } from '../../../infra/local/cli/output/cli-errors.js';
import { exitCodeOf } from '../../../infra/local/cli/output/exit-codes.js';
import { startEmbeddedAws } from '../../../infra/local/runtime/index.js';
import { fixtureVersion, type FixtureVersion } from '../../functions/audiences/audience-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'segments-serve-'));
const stateDir = join(dir, 'state');
const big = fixtureVersion({ audienceId: 'top-value-lookalike', versionId: 'r20241231060000000-bbbb', members: 2345 });
const small = fixtureVersion({ audienceId: 'win-back-lookalike', versionId: 'r20241231060000000-bbbb', members: 12, destinations: ['meta'] });
const lines: string[] = [];
let server: RunningAudienceServer;

/** Writes versions into the bucket of state folder `into` as Publish does (files, then the manifest); `partial` ones get no manifest. */
async function publish(into: string, versions: FixtureVersion[], partial: FixtureVersion[] = []): Promise<void> {
  const aws = await startEmbeddedAws({ stateDir: into });
  try {
    for (const { manifest, files } of [...versions, ...partial]) {
      for (const [file, body] of Object.entries(files)) {
        await aws.s3.send(new PutObjectCommand({ Bucket: aws.bucket, Key: versionFileKey(manifest, file), Body: body }));
      }
    }
    for (const { manifest } of versions) {
      await aws.s3.send(new PutObjectCommand({ Bucket: aws.bucket, Key: versionFileKey(manifest, AUDIENCE_MANIFEST_FILE), Body: JSON.stringify(manifest) }));
    }
  } finally {
    await aws.stop();
  }
}

beforeAll(async () => {
  await publish(stateDir, [big, small], [fixtureVersion({ audienceId: 'top-value-lookalike', versionId: 'r20250101060000000-cccc', members: 5 })]);
  server = await startAudienceServer({ stateDir, port: 0, host: '127.0.0.1' }, (line) => lines.push(line));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { 'x-api-key': server.apiKey, ...headers } });

describe('segments serve', () => {
  it('refuses requests without the local API key, or with another one, with 403 as API Gateway does', async () => {
    for (const headers of [{}, { 'x-api-key': 'not-the-key' }] as Array<Record<string, string>>) {
      const response = await fetch(`${server.url}/audiences`, { headers });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ message: 'Forbidden' });
    }
  });

  it('lists the complete audiences over HTTP, and answers 304 for the ETag it gave', async () => {
    const response = await get('/audiences');
    const { items } = (await response.json()) as { items: Array<{ id: string; latestVersionId: string; members: number }> };

    expect(response.status).toBe(200);
    expect(items.map(({ id, latestVersionId, members }) => ({ id, latestVersionId, members }))).toEqual([
      { id: 'top-value-lookalike', latestVersionId: 'r20241231060000000-bbbb', members: 2345 },
      { id: 'win-back-lookalike', latestVersionId: 'r20241231060000000-bbbb', members: 12 },
    ]);
    const again = await get('/audiences', { 'If-None-Match': response.headers.get('etag') ?? '' });
    expect(again.status).toBe(304);
    expect(lines.at(-1)).toMatch(/^GET \/audiences 304 \d+ ms$/);
  });

  it('pages through every member by following the Link header, 1,000 rows a page by default', async () => {
    const items: Array<Record<string, string>> = [];
    let next: string | null = '/audiences/top-value-lookalike/versions/latest/members?destination=meta';
    const tags = new Set<string>();
    let pages = 0;
    while (next) {
      const response: Response = await get(next);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: Array<Record<string, string>>; nextCursor: string | null };
      items.push(...page.items);
      tags.add(response.headers.get('etag') ?? '');
      expect(response.headers.get('x-next-cursor')).toBe(page.nextCursor);
      next = /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
      pages++;
    }

    expect(pages).toBe(3);
    expect(tags.size).toBe(3);
    expect(items).toEqual(big.rows.meta?.map(([email, phone, country, value]) => ({ email, phone, country, value })));
  });

  it('gives CSV pages that, header once, add up to the destination file', async () => {
    const path = '/audiences/top-value-lookalike/versions/r20241231060000000-bbbb/members?destination=google&format=csv&pageSize=700';
    const bodies: string[] = [];
    let cursor: string | null = null;
    do {
      const response: Response = await get(cursor ? `${path}&cursor=${cursor}` : path);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      bodies.push(await response.text());
      cursor = response.headers.get('x-next-cursor');
    } while (cursor);

    const [header, ...rows] = bodies.flatMap((body, i) => body.trimEnd().split('\n').slice(i === 0 ? 0 : 1));
    expect(bodies).toHaveLength(4);
    expect([header, ...rows].join('\n').concat('\n')).toBe(big.files['google.csv']);
  });

  it('answers 304 for a members page it served, and 404 for a version still being written', async () => {
    const path = '/audiences/win-back-lookalike/versions/r20241231060000000-bbbb/members?pageSize=5';
    const first = await get(path);
    const again = await get(path, { 'If-None-Match': first.headers.get('etag') ?? '' });
    const partial = await get('/audiences/top-value-lookalike/versions/r20250101060000000-cccc/members?destination=meta');

    expect([first.status, again.status, partial.status]).toEqual([200, 304, 404]);
  });

  it('keeps one local API key in the state folder, readable by its owner only', () => {
    const { key, file, created } = localApiKey(stateDir);

    expect({ key, file, created }).toEqual({ key: server.apiKey, file: join(stateDir, LOCAL_API_KEY_FILE), created: false });
    expect(readFileSync(file, 'utf8')).toBe(`${key}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('serveCommand', () => {
  it('prints the URL on stdout and the key on stderr, serves until told to stop, then releases the state folder', async () => {
    const otherState = join(dir, 'other');
    const out = { data: [] as string[], warn: [] as string[], hint: [] as string[] };
    let stop = () => {};
    const until = new Promise<void>((resolve) => (stop = resolve));
    const serving = serveCommand({ stateDir: otherState, port: 0, host: '127.0.0.1' }, {
      data: (line) => out.data.push(line),
      progress: () => {},
      hint: (line) => out.hint.push(line),
      warn: (line) => out.warn.push(line),
      closed: false,
    }, until);
    // The start forks the dynalite process: on a loaded machine that is more than poll's default second.
    await expect.poll(() => out.data.length, { timeout: 15_000 }).toBe(1);
    const key = readFileSync(join(otherState, LOCAL_API_KEY_FILE), 'utf8').trim();
    const response = await fetch(`${out.data[0]}/audiences`, { headers: { 'x-api-key': key } });
    stop();

    expect(await response.json()).toEqual({ items: [] });
    expect(await serving).toEqual({ url: out.data[0], apiKeyFile: join(otherState, LOCAL_API_KEY_FILE), requests: 1 });
    expect(out.warn[1]).toBe(`API key (send it as x-api-key): ${key}   (kept in ${join(otherState, LOCAL_API_KEY_FILE)})`);
    expect(out.hint[0]).toBe('No audience has a complete version in this state folder yet: /audiences is an empty list until a run publishes one.');
    await (await startEmbeddedAws({ stateDir: otherState })).stop();
  });

  it('refuses a port in use as a usage error (exit code 1), leaving the state folder free', async () => {
    const busyState = join(dir, 'busy');

    await expect(startAudienceServer({ stateDir: busyState, port: Number(new URL(server.url).port), host: '127.0.0.1' }, () => {})).rejects.toMatchObject({
      name: 'UsageError',
      message: expect.stringMatching(/^Cannot serve on 127\.0\.0\.1:\d+: the port is in use\. Pick another with --port \(0 picks a free one\)\.$/),
    });
    expect(exitCodeOf(new UsageError('x'))).toBe(1);
    await (await startEmbeddedAws({ stateDir: busyState })).stop();
  });

  it('runs as `segments serve` and stops cleanly on Ctrl-C (SIGINT), exit code 0', async () => {
    const cliState = join(dir, 'cli');
    await publish(cliState, [small]);
    const child = spawn(process.execPath, ['infra/local/bin/segments.mjs', '--state-dir', cliState, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const [url] = (await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()).value.split(' ') as [string];

    const key = readFileSync(join(cliState, LOCAL_API_KEY_FILE), 'utf8').trim();
    const response = await fetch(`${url}/audiences`, { headers: { 'x-api-key': key } });
    child.kill('SIGINT');

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(response.status).toBe(200);
    expect(await exited).toBe(0);
    expect(stderr).toContain(`API key (send it as x-api-key): ${key}`);
    expect(stderr).toMatch(/GET \/audiences 200 \d+ ms/);
    expect(stderr).toContain('Audiences: win-back-lookalike (12 members, version r20241231060000000-bbbb)');
  }, 90_000);
});
