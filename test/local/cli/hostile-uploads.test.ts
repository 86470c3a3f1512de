import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoringRunOutcome } from '../../../functions/pipeline/scoring-runs.js';
import { runCommand } from '../../../infra/local/cli/commands/run-command.js';
import { openLocalSession } from '../../../infra/local/cli/local-session.js';
import { writeIngestRegressionFiles } from '../../support/ingest-regression-files.js';

/**
 * Every case of the ingest issue's list, through the CLI in one `segments run`: the hostile files
 * go in beside a good orders file, and one scoring run must follow them and succeed.
 */
const { base, dir, files: FILES } = writeIngestRegressionFiles();
const stateDir = join(dir, 'state');

let log: string[] = [];
let run: ScoringRunOutcome | null = null;
let scores: Map<string, Record<string, unknown> | null>;
let quarantineOfFormula = '';

beforeAll(async () => {
  log = [];
  run = await runCommand({ stateDir, orders: Object.values(FILES) }, (line) => log.push(line));
  const session = await openLocalSession({ stateDir });
  try {
    const ids = ['H-free', 'H-ret', 'H-huge', 'H-li', 'H-long', 'H-excel', 'H-nul', 'H-field', 'H-G-0', 'H-U-0', base.active[0]!];
    scores = new Map(await Promise.all(ids.map(async (id) => [id, await session.dependencies.table.getCustomer(id)] as const)));
    const entries = await session.dependencies.store.list('quarantine/orders/formula.csv/');
    quarantineOfFormula = new TextDecoder().decode((await session.dependencies.store.get(entries[0]!.key)) ?? new Uint8Array());
  } finally {
    await session.close();
  }
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lineFor = (name: string) => log.find((line) => line.startsWith(`  incoming/orders/${name} `)) ?? '';
const monetary = (id: string) => Number(scores.get(id)?.historicClv);

describe('segments run with the hostile uploads of the ingest issue', () => {
  it('scores every file that has valid rows, in one run that succeeds', () => {
    expect(run).not.toBeNull();
    expect(log.filter((line) => line.endsWith('… train…'))).toHaveLength(1);
  });

  it('quarantines 1e308, 1e200 x 1e200 and a 2,100-character id, and later work is not blocked by them', () => {
    expect(lineFor('huge-amount.csv')).toMatch(/3 read\s+2 accepted\s+1 quarantined.*implausible amount: 1/);
    expect(lineFor('line-items.csv')).toMatch(/1 quarantined.*implausible quantity: 1/);
    expect(lineFor('long-id.csv')).toMatch(/1 quarantined.*customer_id longer than 256 characters: 1/);
    expect(monetary('H-huge')).toBeCloseTo(22);
    expect(monetary('H-li')).toBeCloseTo(7);
    expect(scores.get('H-long')).not.toBeNull();
  });

  it('rejects a gzip truncated to 60% as such, accepting nothing from it', () => {
    expect(lineFor('truncated.csv.gz')).toMatch(/REJECTED \(corrupt-file\).*truncated or corrupt gzip/);
  });

  it('keeps export.csv and export.txt apart', () => {
    expect(lineFor('export.csv')).toMatch(/20 accepted/);
    expect(lineFor('export.txt')).toMatch(/15 accepted/);
    expect(scores.get('H-E-0')).toBeUndefined();
  });

  it('counts orders re-sent without an order_id column once', () => {
    const customer = base.active[0]!;
    const spend = base.ordersCsv.split('\n').filter((line) => line.split(',')[1] === customer).reduce((sum, line) => sum + Number(line.split(',')[3]), 0);

    expect(monetary(customer)).toBeCloseTo(spend, 1);
    expect(log.some((line) => /Counted once: 0 order rows repeated by order id and [\d,]{5} rows without an order id/.test(line))).toBe(true);
  });

  it('reads latin-1, UTF-16, an Excel sep=; line, a NUL byte and a 3 MB field without losing valid rows', () => {
    expect(lineFor('latin1.csv')).toMatch(/10 read\s+10 accepted\s+0 quarantined/);
    expect(lineFor('utf16.csv')).toMatch(/10 read\s+10 accepted\s+0 quarantined/);
    expect(lineFor('excel.csv')).toMatch(/2 read\s+2 accepted\s+0 quarantined/);
    expect(lineFor('nul.csv')).toMatch(/6 read\s+6 accepted\s+0 quarantined/);
    expect(lineFor('huge-field.csv')).toMatch(/3 read\s+2 accepted\s+1 quarantined/);
    expect(monetary('H-excel')).toBeCloseTo(19.75);
    expect(scores.get('H-G-0')).not.toBeNull();
    expect(scores.get('H-U-0')).not.toBeNull();
    expect(monetary('H-field')).toBeCloseTo(22);
  });

  it('nets a cancellation invoice against spend and scores a customer whose only orders were free', () => {
    expect(monetary('H-ret')).toBeCloseTo(75);
    expect(scores.get('H-free')).toMatchObject({ historicClv: 0, frequency: 1, predictedSpendLow: 0 });
    expect(Number(scores.get('H-free')?.churnProbability)).toBeGreaterThanOrEqual(0);
  });

  it('escapes formula cells in the quarantine CSV', () => {
    expect(quarantineOfFormula).toContain(`'+cmd|' /C calc'!A0`);
    expect(quarantineOfFormula).not.toMatch(/(^|,)"?\+cmd/m);
  });
});

describe('segments run with a file it has already ingested', () => {
  it('skips the unchanged upload and runs no second scoring run', async () => {
    const lines: string[] = [];

    const again = await runCommand({ stateDir, orders: [FILES.huge] }, (line) => lines.push(line));

    expect(again).toBeNull();
    expect(lines.find((line) => line.startsWith('  incoming/orders/huge-amount.csv'))).toMatch(/skipped: already ingested/);
    expect(lines).toContain('No scoring run: no upload changed the data.');
  }, 120_000);
});
