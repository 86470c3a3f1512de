import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_KEY } from '../../../functions/adapters/configuration-store.js';
import { configMappingClearCommand, configMappingSetCommand, configMappingShowCommand } from '../../../infra/local/cli/commands/config-command.js';
import { openLocalSession } from '../../../infra/local/cli/local-session.js';
import { readStoredConfigurationText } from '../../../infra/local/cli/stored-configuration.js';
import { ConfigurationError, parseSegmentsConfig } from '../../../models/config/index.js';
import { runSegments } from '../../support/segments-process.js';

const dir = mkdtempSync(join(tmpdir(), 'segments-config-mapping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lines the command wrote, by stream: `data` is stdout, the rest stderr. */
function collect() {
  const lines = { data: [] as string[], other: [] as string[] };
  const other = (line: string) => lines.other.push(line);
  return { lines, out: { data: (line: string) => lines.data.push(line), progress: other, hint: other, warn: other, closed: false } };
}

async function withBucket<T>(stateDir: string, work: (aws: Awaited<ReturnType<typeof openLocalSession>>['aws']) => Promise<T>): Promise<T> {
  const session = await openLocalSession({ stateDir });
  try {
    return await work(session.aws);
  } finally {
    await session.close();
  }
}

const storedText = (stateDir: string) => withBucket(stateDir, (aws) => readStoredConfigurationText(aws.s3, aws.bucket));
const storeRaw = (stateDir: string, text: string) => withBucket(stateDir, (aws) => aws.s3.send(new PutObjectCommand({ Bucket: aws.bucket, Key: CONFIG_KEY, Body: text })));

describe('segments config mapping', () => {
  it('sets entries into the stored file, keeping its other sections and comments, shows them and clears a column, a kind and the rest', async () => {
    const stateDir = join(dir, 'edit');
    await storeRaw(stateDir, '# our settings\ningest:\n  maxAbsAmount: 5000 # big spenders are fake\nmapping:\n  orders: { order_date: Created } # the shop export\n');

    const set = collect();
    const afterSet = await configMappingSetCommand({ stateDir, entries: ['orders.amount=Total', 'customers.email=Mail'] }, set.out);
    const shown = collect();
    await configMappingShowCommand({ stateDir }, shown.out);

    expect(afterSet).toMatchObject({ mapping: { orders: { order_date: 'Created', amount: 'Total' }, customers: { email: 'Mail' } }, changed: ['orders.amount=Total', 'customers.email=Mail'] });
    expect(shown.lines.data).toEqual(['orders.order_date=Created', 'orders.amount=Total', 'customers.email=Mail']);
    expect(set.lines.other).toEqual([expect.stringMatching(/^Stored orders\.amount=Total, customers\.email=Mail in s3:\/\/.*\/config\/segments\.config\.yaml/)]);
    const text = (await storedText(stateDir)) ?? '';
    expect(text).toMatch(/^# our settings\n/);
    expect(text).toContain('maxAbsAmount: 5000 # big spenders are fake');
    expect(text).toContain('# the shop export');
    expect(parseSegmentsConfig(text, 'stored').ingest.maxAbsAmount).toBe(5000);

    const column = await configMappingClearCommand({ stateDir, target: 'orders.amount' }, collect().out);
    expect(column).toMatchObject({ changed: ['orders.amount=Total'], mapping: { orders: { order_date: 'Created' }, customers: { email: 'Mail' } } });
    const kind = await configMappingClearCommand({ stateDir, target: 'customers' }, collect().out);
    expect(kind).toMatchObject({ changed: ['customers.email=Mail'], mapping: { orders: { order_date: 'Created' } } });
    const rest = collect();
    expect(await configMappingClearCommand({ stateDir }, rest.out)).toMatchObject({ changed: ['orders.order_date=Created'], mapping: {} });
    expect(rest.lines.other.at(-1)).toMatch(/^No column mapping stored/);
    const cleared = (await storedText(stateDir)) ?? '';
    expect(cleared).not.toContain('mapping');
    expect(cleared).toContain('maxAbsAmount: 5000 # big spenders are fake');

    const again = collect();
    expect(await configMappingClearCommand({ stateDir, target: 'orders.amount' }, again.out)).toMatchObject({ changed: [] });
    expect(again.lines.other[0]).toBe('Nothing to clear: no column mapping for orders.amount is stored.');
  }, 60_000);

  it('creates the file when none is stored, and shows no mapping when there is none', async () => {
    const stateDir = join(dir, 'fresh');
    const empty = collect();
    expect(await configMappingShowCommand({ stateDir }, empty.out)).toMatchObject({ mapping: {} });
    expect(empty.lines).toEqual({ data: [], other: [expect.stringMatching(/^No column mapping stored: headers are matched by their names/)] });

    await configMappingSetCommand({ stateDir, entries: ['prospects.prospect_id=Lead Id'] }, collect().out);

    expect(parseSegmentsConfig((await storedText(stateDir)) ?? '', 'stored').mapping).toEqual({ prospects: { prospect_id: 'Lead Id' } });
  }, 60_000);

  it('the configuration refuses a mapped column its kind does not have, naming the valid ones; such a stale entry can still be cleared', async () => {
    const text = 'mapping:\n  orders: { amout: Total }\n';
    expect(() => parseSegmentsConfig(text, 'segments.config.yaml')).toThrow(ConfigurationError);
    expect(() => parseSegmentsConfig(text, 'segments.config.yaml')).toThrow(
      'mapping.orders.amout: orders extracts have no column "amout"; the columns that can be mapped are customer_id, order_date, amount, order_id',
    );
    const stateDir = join(dir, 'stale');
    await storeRaw(stateDir, text);
    await expect(configMappingShowCommand({ stateDir }, collect().out)).rejects.toThrow(ConfigurationError);

    expect(await configMappingClearCommand({ stateDir, target: 'orders.amout' }, collect().out)).toMatchObject({ changed: ['orders.amout=Total'], mapping: {} });
  }, 60_000);
});

describe('segments config mapping and --map, as processes', () => {
  it('a bad spec exits 1 with the spec and the expected form on stderr and nothing on stdout; --json prints the mapping alone', async () => {
    const stateDir = join(dir, 'process');

    // The refused ones stop before they open the state folder, so they run beside the one that does.
    const [bad, run, set] = await Promise.all([
      runSegments(['--state-dir', stateDir, 'config', 'mapping', 'set', 'amount=Total']),
      runSegments(['--state-dir', stateDir, 'run', '--orders', 'nowhere.csv', '--map', 'orders.amout=Total']),
      runSegments(['--state-dir', stateDir, 'config', 'mapping', 'set', 'orders.amount=Total']),
    ]);
    const json = await runSegments(['--state-dir', stateDir, 'config', 'mapping', '--json']);

    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toContain('error: "amount=Total": say which extract the column is in (orders.amount=Total); expected <kind>.<column>=<header>, e.g. orders.amount=Total.');
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain('error: --map "orders.amout=Total": orders extracts have no column "amout"; the columns that can be mapped are customer_id, order_date, amount, order_id.');
    expect(set).toMatchObject({ code: 0, stdout: 'orders.amount=Total\n' });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ location: expect.stringMatching(/config\/segments\.config\.yaml$/), mapping: { orders: { amount: 'Total' } } });
  }, 120_000);
});
